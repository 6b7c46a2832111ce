using System.Text;
using EastWestIds.Identity.Callee;

namespace EastWestIds.Identity.Tests.Callee;

public class AuthorityParserTests
{
    [Theory]
    // MESH-SEMANTICS §1.3 table: mirrored Host → original host, port.
    [InlineData("cluster1-shadow", "cluster1", "cluster1", "", 0)]
    [InlineData("cluster1-shadow:8000", "cluster1", "cluster1", "", 8000)]
    [InlineData("reviews-shadow:9080", "reviews", "reviews", "", 9080)]
    [InlineData("reviews.default.svc.cluster.local-shadow", "reviews.default.svc.cluster.local", "reviews", "default", 0)]
    [InlineData("reviews.default-shadow:9080", "reviews.default", "reviews", "default", 9080)]
    [InlineData("reviews.default.svc-shadow", "reviews.default.svc", "reviews", "default", 0)]
    [InlineData("reviews.default.svc.cluster.local.-shadow:9080", "reviews.default.svc.cluster.local.", "reviews", "default", 9080)]
    public void TryParse_ShadowSuffix_RemovedFromHostOnly(string authority, string host, string service, string ns, int port)
    {
        var callee = Parse(authority, out var bytes);

        Assert.True(callee.ShadowSuffixRemoved);
        Assert.Equal(host, Text(bytes, callee.Host));
        Assert.Equal(service, Text(bytes, callee.Service));
        Assert.Equal(ns, Text(bytes, callee.Namespace));
        Assert.Equal(port, callee.Port);
        Assert.False(callee.IsIpLiteral);
        Assert.False(callee.IsExternal);
        Assert.Equal(ns.Length == 0, callee.NamespaceFromCaller);
    }

    [Theory]
    // Istio 1.28+ default: no suffix at all. Same results, flag off.
    [InlineData("reviews", "reviews", "", 0)]
    [InlineData("reviews:9080", "reviews", "", 9080)]
    [InlineData("reviews.default", "reviews", "default", 0)]
    [InlineData("reviews.default:9080", "reviews", "default", 9080)]
    [InlineData("reviews.default.svc:9080", "reviews", "default", 9080)]
    [InlineData("reviews.default.svc.cluster.local:9080", "reviews", "default", 9080)]
    [InlineData("reviews.default.svc.corp.example:443", "reviews", "default", 443)]
    [InlineData("example.com", "example", "com", 0)] // svc.ns by search path; the inventory decides whether it exists
    public void TryParse_NoSuffix_SplitsServiceAndNamespace(string authority, string service, string ns, int port)
    {
        var callee = Parse(authority, out var bytes);

        Assert.False(callee.ShadowSuffixRemoved);
        Assert.Equal(service, Text(bytes, callee.Service));
        Assert.Equal(ns, Text(bytes, callee.Namespace));
        Assert.Equal(port, callee.Port);
        Assert.Equal(ns.Length == 0, callee.NamespaceFromCaller);
    }

    [Theory]
    [InlineData("reviews.default.svc.cluster.local", "cluster.local")]
    [InlineData("reviews.default.svc.corp.example", "corp.example")]
    [InlineData("reviews.default.svc", "")]
    [InlineData("reviews.default", "")]
    public void TryParse_ClusterDomain_GivenAfterSvc(string authority, string domain)
    {
        var callee = Parse(authority, out var bytes);
        Assert.Equal(domain, Text(bytes, callee.ClusterDomain));
    }

    [Fact]
    public void TryParse_HeadlessPodName_GivesPodServiceNamespace()
    {
        var callee = Parse("web-0.nginx.default.svc.cluster.local:80", out var bytes);

        Assert.Equal("web-0", Text(bytes, callee.PodHostname));
        Assert.Equal("nginx", Text(bytes, callee.Service));
        Assert.Equal("default", Text(bytes, callee.Namespace));
        Assert.Equal("cluster.local", Text(bytes, callee.ClusterDomain));
        Assert.False(callee.IsExternal);
    }

    [Theory]
    [InlineData("api.example.com")]
    [InlineData("api.example.com-shadow:443")]
    [InlineData("a.b.c.d.svc.cluster.local")]   // more than 3 labels before svc
    [InlineData("www.googleapis.com.")]
    public void TryParse_ExternalHost_WholeHostIsServiceNoNamespace(string authority)
    {
        var callee = Parse(authority, out var bytes);
        var expectedService = Text(bytes, callee.Host).TrimEnd('.');

        Assert.True(callee.IsExternal);
        Assert.Equal(expectedService, Text(bytes, callee.Service));
        Assert.Equal("", Text(bytes, callee.Namespace));
        Assert.False(callee.NamespaceFromCaller);
    }

    [Fact]
    public void TryParse_TrailingDot_KeptInHostDroppedFromParts()
    {
        var callee = Parse("reviews.default.svc.cluster.local.:9080", out var bytes);

        Assert.True(callee.HasTrailingDot);
        Assert.Equal("reviews.default.svc.cluster.local.", Text(bytes, callee.Host));
        Assert.Equal("cluster.local", Text(bytes, callee.ClusterDomain));
        Assert.Equal("9080", Text(bytes, callee.PortText));
    }

    [Fact]
    public void TryParse_MixedCase_RangesKeepOriginalBytes()
    {
        var callee = Parse("Reviews.DEFAULT.SVC.Cluster.Local", out var bytes);

        Assert.Equal("Reviews", Text(bytes, callee.Service));
        Assert.Equal("DEFAULT", Text(bytes, callee.Namespace));
        Assert.True(Ascii.EqualsIgnoreCase(bytes.AsSpan()[callee.Namespace], "default"u8));
    }

    [Theory]
    [InlineData("[fd00::1]:80", "[fd00::1]", 80, false)]
    [InlineData("[fd00::1]-shadow:80", "[fd00::1]", 80, true)]
    [InlineData("[fd00::1]", "[fd00::1]", 0, false)]
    [InlineData("[fd00::1]-shadow", "[fd00::1]", 0, true)]
    [InlineData("[::ffff:10.0.0.1]:8080", "[::ffff:10.0.0.1]", 8080, false)]
    [InlineData("10.1.0.52", "10.1.0.52", 0, false)]
    [InlineData("10.1.0.52-shadow:8080", "10.1.0.52", 8080, true)]
    [InlineData("255.255.255.255:1", "255.255.255.255", 1, false)]
    public void TryParse_IpLiteral_NoServiceNoNamespace(string authority, string host, int port, bool shadow)
    {
        var callee = Parse(authority, out var bytes);

        Assert.True(callee.IsIpLiteral);
        Assert.Equal(host, Text(bytes, callee.Host));
        Assert.Equal(port, callee.Port);
        Assert.Equal(shadow, callee.ShadowSuffixRemoved);
        Assert.Equal("", Text(bytes, callee.Service));
        Assert.False(callee.NamespaceFromCaller);
    }

    [Theory]
    [InlineData("reviews:1", 1)]
    [InlineData("reviews:65535", 65535)]
    [InlineData("reviews:00080", 80)]
    public void TryParse_PortLimits_Accepted(string authority, int port)
    {
        Assert.Equal(port, Parse(authority, out _).Port);
    }

    [Theory]
    [InlineData("")]
    [InlineData(":80")]
    [InlineData("-shadow")]
    [InlineData("-shadow:80")]
    [InlineData("reviews:")]
    [InlineData("reviews:0")]
    [InlineData("reviews:65536")]
    [InlineData("reviews:123456")]
    [InlineData("reviews:8a")]
    [InlineData("reviews:-80")]
    [InlineData("reviews:9080-shadow")]   // pre-2018 Envoy placement
    [InlineData("re views")]
    [InlineData("reviews..default")]
    [InlineData(".reviews")]
    [InlineData(".")]
    [InlineData("-reviews")]
    [InlineData("reviews-.default")]
    [InlineData("user@reviews")]
    [InlineData("reviews/x")]
    [InlineData("reviews%2edefault")]
    [InlineData("fd00::1")]
    [InlineData("[fd00::1")]
    [InlineData("[fd00::zz]:80")]
    [InlineData("[]")]
    [InlineData("[fd00::1%25eth0]")]
    [InlineData("[10.0.0.1]")]
    [InlineData("[fd00::1]x")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.1.1.1")]
    [InlineData("01.2.3.4")]
    [InlineData("10.0.0.1.")]
    [InlineData("1234")]
    public void TryParse_Invalid_ReturnsFalse(string authority)
    {
        Assert.False(AuthorityParser.TryParse(Encoding.UTF8.GetBytes(authority), out var callee));
        Assert.Equal(default, callee);
    }

    [Fact]
    public void TryParse_LabelAndNameLimits_ExactAcceptedOneMoreRejected()
    {
        string label63 = new('a', AuthorityParser.MaxLabelLength);
        Assert.True(AuthorityParser.TryParse(Encoding.ASCII.GetBytes(label63), out _));
        Assert.False(AuthorityParser.TryParse(Encoding.ASCII.GetBytes(label63 + "a"), out _));

        // 4 × 63 + 3 dots = 255 > 253; trim to exactly 253 and 254.
        string name = string.Join('.', label63, label63, label63, label63);
        Assert.True(AuthorityParser.TryParse(Encoding.ASCII.GetBytes(name[..AuthorityParser.MaxHostLength]), out _));
        Assert.False(AuthorityParser.TryParse(Encoding.ASCII.GetBytes(name[..(AuthorityParser.MaxHostLength + 1)]), out _));
    }

    private static CalleeAuthority Parse(string authority, out byte[] bytes)
    {
        bytes = Encoding.UTF8.GetBytes(authority);
        Assert.True(AuthorityParser.TryParse(bytes, out var callee), $"rejected: {authority}");
        return callee;
    }

    private static string Text(byte[] bytes, Range range) => Encoding.ASCII.GetString(bytes.AsSpan()[range]);
}
