using System.Text;
using EastWestIds.Storage.Model;

namespace EastWestIds.Storage.Tests.Model;

/// <summary>The key suppressions and flow edges use for a callee: the Service, however the caller spelled its host.</summary>
public sealed class CalleeKeyTests
{
    private const string Bookinfo = "spiffe://cluster.local/ns/bookinfo/sa/productpage";

    [Theory]
    [InlineData(Bookinfo, "ratings", "ratings.bookinfo")]
    [InlineData(Bookinfo, "ratings.bookinfo", "ratings.bookinfo")]
    [InlineData(Bookinfo, "ratings.bookinfo.svc", "ratings.bookinfo")]
    [InlineData(Bookinfo, "ratings.bookinfo.svc.cluster.local", "ratings.bookinfo")]
    [InlineData(Bookinfo, "Ratings.BOOKINFO.Svc.cluster.local.", "ratings.bookinfo")]
    [InlineData(Bookinfo, "ratings-0.ratings.bookinfo.svc.cluster.local", "ratings.bookinfo")]
    [InlineData(Bookinfo, "web-0.web.web.svc", "web.web")]
    [InlineData(Bookinfo, "reviews.default", "reviews.default")]
    [InlineData(Bookinfo, "api.example.com", "api.example.com")]
    [InlineData(Bookinfo, "Example.com", "example.com")]
    [InlineData(Bookinfo, "10.0.0.12", "10.0.0.12")]
    [InlineData(Bookinfo, "[FD00::1]", "[fd00::1]")]
    [InlineData(Bookinfo, "", "")]
    [InlineData("spiffe://cluster.local/ns/Shop/sa/cart", "ratings", "ratings.shop")]
    [InlineData("", "ratings", "ratings")]
    [InlineData("spiffe://cluster.local/workload/x", "ratings", "ratings")]
    [InlineData("spiffe://cluster.local/ns/a/sa/b/extra", "ratings", "ratings")]
    [InlineData("spiffe://cluster.local/ns//sa/b", "ratings", "ratings")]
    [InlineData("not a principal", "ratings", "ratings")]
    public void Of_EverySpelling_IsTheServiceDotNamespace(string caller, string host, string expected)
    {
        Assert.Equal(expected, CalleeKey.Of(caller, host));
        Assert.Equal(expected, CalleeKey.Of(caller, expected)); // a key's key is itself (what migration 4 relies on)

        var callerBytes = Encoding.UTF8.GetBytes(caller);
        var hostBytes = Encoding.UTF8.GetBytes(host);
        var buffer = new byte[CalleeKey.MaxLength(callerBytes.Length, hostBytes.Length)];
        Assert.Equal(expected, Encoding.UTF8.GetString(buffer, 0, CalleeKey.Write(callerBytes, hostBytes, buffer)));
    }

    [Fact]
    public void Write_LongestHostAndPrincipal_FitsMaxLength()
    {
        var principal = Encoding.ASCII.GetBytes("spiffe://td/ns/" + new string('n', 4000) + "/sa/x");
        var host = Encoding.ASCII.GetBytes(new string('h', 253));
        var buffer = new byte[CalleeKey.MaxLength(principal.Length, host.Length)];

        Assert.Equal(253 + 1 + 4000, CalleeKey.Write(principal, host, buffer));
    }

    [Theory]
    [InlineData("spiffe://cluster.local/ns/bookinfo/sa/x", "bookinfo")]
    [InlineData("SPIFFE://cluster.local/ns/bookinfo/sa/x", "bookinfo")]
    [InlineData("spiffe://cluster.local/ns/bookinfo/sa/", "")]
    [InlineData("spiffe://cluster.local/ns/bookinfo", "")]
    [InlineData("spiffe:///ns/bookinfo/sa/x", "")]
    [InlineData("http://cluster.local/ns/bookinfo/sa/x", "")]
    public void CallerNamespace_OnlyIstioPrincipals(string principal, string expected)
        => Assert.Equal(expected, Encoding.UTF8.GetString(CalleeKey.CallerNamespace(Encoding.UTF8.GetBytes(principal))));
}
