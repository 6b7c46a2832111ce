using System.Text;
using EastWestIds.Inventory.Model;
using EastWestIds.Policy.Matching;

namespace EastWestIds.Policy.Tests.Matching;

public class MatchingPrimitivesTests
{
    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "abcd", false)]
    [InlineData("abc*", "abcd", true)]
    [InlineData("*bcd", "abcd", true)]
    [InlineData("*bcd", "bcd", true)]
    [InlineData("*", "", false)]      // regex .+
    [InlineData("*", "x", true)]
    [InlineData("a*c", "abc", false)] // a star inside is literal
    [InlineData("a*c", "a*c", true)]
    public void StringPattern_IstioForms(string pattern, string value, bool match) =>
        Assert.Equal(match, StringPattern.Parse(pattern).Matches(Encoding.ASCII.GetBytes(value)));

    [Theory]
    [InlineData("cluster.local/ns/a/sa/b", "spiffe://cluster.local/ns/a/sa/b", true)]
    [InlineData("*/sa/b", "spiffe://x/ns/a/sa/b", true)]
    [InlineData("*/sa/b", "other://x/ns/a/sa/b", false)] // the scheme stays required before the wildcard
    [InlineData("cluster.local/*", "spiffe://cluster.local/ns/a", true)]
    public void StringPattern_WithFixedPrefix(string pattern, string value, bool match) =>
        Assert.Equal(match, StringPattern.Parse(pattern, fixedPrefix: "spiffe://").Matches(Encoding.ASCII.GetBytes(value)));

    [Fact]
    public void StringPattern_PresenceAndCase()
    {
        Assert.True(StringPattern.Parse("*", starIsPresence: true).Matches([]));
        Assert.True(StringPattern.Parse("*.B.com", ignoreCase: true).Matches("x.b.COM"u8));
        Assert.False(StringPattern.Parse("*.B.com").Matches("x.b.COM"u8));
        Assert.True(StringPattern.Literal("a*").Matches("a*"u8));
        Assert.False(StringPattern.Literal("a*").Matches("ab"u8));
    }

    [Theory]
    [InlineData("*/ns/echo1/*", "spiffe://td/ns/echo1/sa/a", true)]
    [InlineData("*/ns/echo*/*", "spiffe://td/ns/echo-anything/sa/a", true)]
    [InlineData("*/ns/echo*/*", "spiffe://td/ns/x/sa/echo/y", false)]
    [InlineData("*/ns/*/*", "spiffe://td/ns/a/b/sa/c", true)] // a wildcard may span '/'
    [InlineData("*/ns/echo1/*", "spiffe://td/ns/echo1", false)]
    public void GlobPattern(string pattern, string value, bool match) =>
        Assert.Equal(match, new GlobPattern(pattern).Matches(Encoding.ASCII.GetBytes(value)));

    [Theory]
    [InlineData("10.0.0.0/8", "10.255.0.1", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("10.1.2.3", "10.1.2.3", true)]
    [InlineData("0.0.0.0/0", "1.2.3.4", true)]
    [InlineData("0.0.0.0/0", "fd00::1", false)]
    [InlineData("fd00::/8", "fd12::1", true)]
    [InlineData("::ffff:10.0.0.0/104", "10.9.9.9", true)]
    public void CidrBlock_Contains(string cidr, string ip, bool inside)
    {
        Assert.True(CidrBlock.TryParse(cidr, out var block));
        Assert.True(IpKey.TryParse(ip, out var key));
        Assert.Equal(inside, block.Contains(key));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0/8")]
    [InlineData("fd00::/129")]
    [InlineData("")]
    public void CidrBlock_Invalid(string cidr) => Assert.False(CidrBlock.TryParse(cidr, out _));

    [Theory]
    [InlineData("/a/{**}/b/{**}")]
    [InlineData("/a/x{*}")]
    [InlineData("a/{*}")]
    public void PathTemplate_Invalid(string template)
    {
        Assert.False(PathTemplate.TryParse(template, out _, out var error));
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("/api/{*}/items", "/api/v1/items", true)]
    [InlineData("/api/*/items", "/api/v1/items", true)]  // Istio hands bare * in a template to Envoy as an operator
    [InlineData("/api/{*}/items/{**}", "/api/v1/items/a/b?x=y", true)]
    [InlineData("/api/{*}", "/api/a/b", false)]
    [InlineData("/{**}", "/", true)]
    public void PathTemplate_Matches(string template, string path, bool match)
    {
        Assert.True(PathTemplate.TryParse(template, out var compiled, out _));
        Assert.Equal(match, compiled!.Matches(Encoding.ASCII.GetBytes(path)));
    }
}
