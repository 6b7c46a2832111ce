using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Keywords;
using static EastWestIds.Signatures.Tests.Buffers.BufferAssert;

namespace EastWestIds.Signatures.Tests.Buffers;

public class RequestBuffersOffDomainTests
{
    [Fact]
    public void Get_OffDomainUrl_OnlyArgumentsThatAreUrlsToAnotherSite()
    {
        RequestBuffers b = For(new FakeRequestView()
            .WithTarget("/x?a=https%3A%2F%2Fevil.example%2Fs.txt&b=https://www.shop.example.com/&c=plain&d=http://billing/cb")
            .WithHeader("Host", "Shop.Example.com:443"));

        Assert.Equal(["https://evil.example/s.txt"], Values(b, InspectionBuffer.HttpArgOffDomainUrl));
        Assert.Equal(4, b.Count(InspectionBuffer.HttpArg)); // the arguments themselves are untouched
    }

    [Fact]
    public void Get_OffDomainUrl_JsonBodyValuesAndMirroredHost()
    {
        RequestBuffers b = For(FakeRequestView.Post("/api", "application/json",
                "{\"website\": \"https://blog.example.org/about\", \"self\": \"http://profiles.identity.svc/x\"}")
            .WithHeader("Host", "profiles.identity.svc.cluster.local-shadow:8080"));

        Assert.Equal(["https://blog.example.org/about"], Values(b, InspectionBuffer.HttpArgOffDomainUrl));
    }

    [Fact]
    public void Get_OffDomainUrl_NoHostOrNoUrl_Empty()
    {
        RequestBuffers noHost = For(new FakeRequestView().WithTarget("/x?u=https://evil.example/"));
        Assert.Equal(0, noHost.Count(InspectionBuffer.HttpArgOffDomainUrl));

        RequestBuffers noUrl = For(FakeRequestView.Get("/x?u=evil.example&v=1"));
        Assert.Equal(0, noUrl.Count(InspectionBuffer.HttpArgOffDomainUrl));
    }

    [Fact]
    public void Get_OffDomainUrl_ResetForgetsThePreviousRequest()
    {
        RequestBuffers b = For(FakeRequestView.Get("/x?u=https://evil.example/"));
        Assert.Equal(1, b.Count(InspectionBuffer.HttpArgOffDomainUrl));

        b.Reset(FakeRequestView.Get("/x?u=https://svc.ns.svc.cluster.local/"));
        Assert.Equal(0, b.Count(InspectionBuffer.HttpArgOffDomainUrl));
    }
}
