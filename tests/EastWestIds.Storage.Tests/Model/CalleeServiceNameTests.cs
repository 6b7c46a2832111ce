using EastWestIds.Storage.Model;

namespace EastWestIds.Storage.Tests.Model;

/// <summary>The Service an alert's callee host names, as the writer and migration 2 derive it.</summary>
public sealed class CalleeServiceNameTests
{
    [Theory]
    [InlineData("ratings", "bookinfo", "ratings")]
    [InlineData("ratings.bookinfo", "bookinfo", "ratings")]
    [InlineData("ratings.bookinfo.svc", "bookinfo", "ratings")]
    [InlineData("ratings.bookinfo.svc.cluster.local.", "bookinfo", "ratings")]
    [InlineData("Ratings.BOOKINFO.svc.cluster.local", "Bookinfo", "ratings")]
    [InlineData("web-0.web.db.svc.cluster.local", "db", "web")]
    [InlineData("example.com", "com", "example")]
    [InlineData("api.example.com", "", "api.example.com")]
    [InlineData("[fd00::1]", "", "[fd00::1]")]
    [InlineData("ratings", "", "ratings")]
    [InlineData("", "", "")]
    public void Of_HostAndResolvedNamespace_IsTheServiceName(string host, string ns, string expected)
        => Assert.Equal(expected, CalleeServiceName.Of(host, ns));
}
