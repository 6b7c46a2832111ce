using EastWestIds.Kubernetes.Mesh;

namespace EastWestIds.Kubernetes.Tests.Mesh;

public sealed class ServiceHostTests
{
    [Theory]
    [InlineData("reviews", "default", "reviews", "default")]
    [InlineData("reviews", "frontend", "reviews", "frontend")]
    [InlineData("reviews.default", "frontend", "reviews", "default")]
    [InlineData("reviews.default.svc", "frontend", "reviews", "default")]
    [InlineData("reviews.default.svc.cluster.local", "frontend", "reviews", "default")]
    [InlineData("Reviews.Default.SVC.cluster.local.", "x", "reviews", "default")]
    public void TryResolve_EverySpelling_NamesTheSameService(string host, string context, string name, string ns)
    {
        Assert.True(ServiceHost.TryResolve(host, context, "cluster.local", out var service));
        Assert.Equal(new ServiceHost(name, ns), service);
    }

    [Theory]
    [InlineData("*.default.svc.cluster.local")]
    [InlineData("*")]
    [InlineData("reviews.default.svc.other.domain")]
    [InlineData("www.example.com")]
    [InlineData("10.0.0.1")]
    [InlineData("reviews:9080")]
    [InlineData("reviews..default")]
    [InlineData("")]
    [InlineData(null)]
    public void TryResolve_NotAClusterService_IsFalse(string? host)
    {
        Assert.False(ServiceHost.TryResolve(host, "default", "cluster.local", out _));
    }

    [Fact]
    public void TryResolve_OtherClusterDomain()
    {
        Assert.True(ServiceHost.TryResolve("reviews.default.svc.corp.example", "x", "corp.example", out var service));
        Assert.Equal("reviews.default.svc.corp.example", service.Fqdn("corp.example"));
        Assert.False(ServiceHost.TryResolve("reviews.default.svc.cluster.local", "x", "corp.example", out _));
    }

    [Theory]
    [InlineData("ewids.ewids-system", "ewids", "ewids-system", null)]
    [InlineData("ewids.ewids-system:8081", "ewids", "ewids-system", 8081)]
    [InlineData("sink.sec.svc.cluster.local:9000", "sink", "sec", 9000)]
    public void TryParseWithPort_Valid(string text, string name, string ns, int? port)
    {
        Assert.True(ServiceHost.TryParseWithPort(text, "cluster.local", out var service, out var parsedPort, out var error), error);
        Assert.Equal((new ServiceHost(name, ns), port), (service, parsedPort));
    }

    [Theory]
    [InlineData("ewids", "has no namespace")]
    [InlineData("ewids.ewids-system:0", "is not a port")]
    [InlineData("ewids.ewids-system:http", "is not a port")]
    [InlineData("sink.example.com", "is not a Service host")]
    public void TryParseWithPort_Invalid_SaysWhy(string text, string expected)
    {
        Assert.False(ServiceHost.TryParseWithPort(text, "cluster.local", out _, out _, out var error));
        Assert.Contains(expected, error);
    }
}
