using System.Text;
using EastWestIds.Identity.Callee;
using EastWestIds.TestCommon;

namespace EastWestIds.Identity.Tests.Callee;

/// <summary>
/// <see cref="ServiceKey"/> (the callee key of the store and the baseline) against <see cref="AuthorityParser"/>, which
/// the request path runs: for every host shape the parser accepts, the key is the parser's Service and Namespace (the
/// caller's namespace for a short name), lower case; an external host or IP literal is the whole host.
/// </summary>
public sealed class ServiceKeyTests
{
    private const string Caller = "spiffe://cluster.local/ns/Bookinfo/sa/productpage";

    [Theory]
    [InlineData("ratings")]
    [InlineData("ratings-shadow:9080")]
    [InlineData("ratings.bookinfo")]
    [InlineData("ratings.bookinfo.svc")]
    [InlineData("ratings.bookinfo.svc.cluster.local:9080")]
    [InlineData("Ratings.BOOKINFO.Svc.cluster.local.-shadow:9080")]
    [InlineData("ratings-0.ratings.bookinfo.svc.cluster.local")]
    [InlineData("web-0.web.shop.SVC")]
    [InlineData("reviews.default.svc.corp.example:443")]
    [InlineData("example.com")]
    [InlineData("api.example.com")]
    [InlineData("API.Example.com.:443")]
    [InlineData("a.b.c.d.e")]
    [InlineData("10.0.0.12:9080")]
    [InlineData("[FD00::1]:9080")]
    public void Key_AgreesWithAuthorityParser(string authority)
    {
        var bytes = Encoding.ASCII.GetBytes(authority);
        Assert.True(AuthorityParser.TryParse(bytes, out var callee));

        string expected;
        if (callee.IsIpLiteral || callee.IsExternal)
        {
            var host = Encoding.ASCII.GetString(bytes[callee.Host]);
            expected = host.TrimEnd('.').ToLowerInvariant();
        }
        else
        {
            var ns = callee.NamespaceFromCaller ? "bookinfo" : Encoding.ASCII.GetString(bytes[callee.Namespace]).ToLowerInvariant();
            expected = Encoding.ASCII.GetString(bytes[callee.Service]).ToLowerInvariant() + "." + ns;
        }

        var hostBytes = bytes[callee.Host];
        var principal = Encoding.ASCII.GetBytes(Caller);
        var buffer = new byte[ServiceKey.MaxLength(principal.Length, hostBytes.Length)];
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer, 0, ServiceKey.Write(principal, hostBytes, buffer)));
        Assert.Equal(expected, ServiceKey.Of(Caller, expected)); // idempotent: a stored key normalizes to itself
    }

    [Fact]
    public void Write_AllocatesNothing()
    {
        var principal = Encoding.ASCII.GetBytes(Caller);
        var host = "ratings-0.ratings.bookinfo.svc.cluster.local"u8.ToArray();
        var buffer = new byte[ServiceKey.MaxLength(principal.Length, host.Length)]; // an array: the measured lambda captures it
        var total = ServiceKey.Write(principal, host, buffer);
        long allocated = SteadyAllocation.LeastBytes(() =>
        {
            total = 0;
            for (var i = 0; i < 1000; i++)
            {
                total += ServiceKey.Write(principal, host, buffer);
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(1000 * "ratings.bookinfo".Length, total);
    }
}
