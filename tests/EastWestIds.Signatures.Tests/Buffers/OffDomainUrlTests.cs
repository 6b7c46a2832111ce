using System.Text;
using EastWestIds.Signatures.Buffers;

namespace EastWestIds.Signatures.Tests.Buffers;

public class OffDomainUrlTests
{
    private static bool OffDomain(string value, string requestHost) =>
        OffDomainUrl.IsOffDomain(Encoding.Latin1.GetBytes(value), Encoding.Latin1.GetBytes(requestHost));

    [Theory]
    [InlineData("https://example.com.evil.com/", "example.com")] // starts with the site's name, is another site
    [InlineData("https://evilexample.com/", "example.com")] // ends with it without a dot
    [InlineData("http://foo.bar", "localhost")]
    [InlineData("  FTP://files.evil.example/x", "shop.example.com")] // leading space, scheme case
    [InlineData("file://share.evil.example/c$/x", "shop.example.com")]
    [InlineData("https://user:pw@evil.example:8443/p?q#f", "shop.example.com")]
    [InlineData("http://10.0.0.7/x", "shop.example.com")] // an IP is not the site
    [InlineData("http://evil.example\\@shop.example.com/", "shop.example.com")] // backslash ends the authority, as browsers read it
    [InlineData("https://attacker.example/", "orders.shop.svc.cluster.local-shadow")] // mirrored Host
    public void IsOffDomain_AnotherSite_True(string value, string host) => Assert.True(OffDomain(value, host));

    [Theory]
    [InlineData("https://example.com/", "example.com")]
    [InlineData("https://EXAMPLE.com./x", "example.com")] // case and trailing dot
    [InlineData("https://example.com:1234/", "example.com")] // ports are ignored
    [InlineData("http://www.example.com/some/path", "example.com")] // subdomain
    [InlineData("http://foo:bar@example.com/", "example.com")] // user-info is not the host
    [InlineData("https://shop.example.com/x", "shop.example.com-shadow")] // mirror suffix dropped
    [InlineData("http://billing.payments.svc.cluster.local:8080/hooks", "shop.example.com")] // cluster-local
    [InlineData("http://billing.payments.svc/hooks", "shop.example.com")]
    [InlineData("http://node-1.cluster.local/", "shop.example.com")]
    [InlineData("http://billing/hooks", "shop.example.com")] // single label: a service in the namespace
    [InlineData("http://localhost:15000/", "shop.example.com")] // single label: SSRF rules judge loopback
    [InlineData("file:///etc/passwd", "shop.example.com")] // no host: file-inclusion rules
    [InlineData("gopher://evil.example/_x", "shop.example.com")] // not one of the schemes compared
    [InlineData("see https://evil.example/", "shop.example.com")] // a URL inside text is not a URL value
    [InlineData("https//evil.example", "shop.example.com")]
    [InlineData("", "shop.example.com")]
    [InlineData("https://evil.example/", "")] // no Host: nothing to compare against
    public void IsOffDomain_SameSiteClusterLocalOrNotAUrl_False(string value, string host) => Assert.False(OffDomain(value, host));

    [Fact]
    public void IsOffDomain_ServiceDotNamespace_ReadsAsAPublicName()
    {
        // Documented limit: billing.payments cannot be told from example.com by its spelling.
        Assert.True(OffDomain("http://billing.payments/cb", "orders.shop.svc.cluster.local"));
    }

    [Fact]
    public void IsOffDomain_HostIsOnlyASuffixOfTheSite_StillOffDomain()
    {
        // "ample.com" is a suffix of "example.com" but not a parent domain of it.
        Assert.True(OffDomain("https://example.com/", "ample.com"));
        Assert.False(OffDomain("https://a.ample.com/", "ample.com"));
    }
}
