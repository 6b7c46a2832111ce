using System.Text;
using EastWestIds.Policy.Baseline;
using EastWestIds.TestCommon;

namespace EastWestIds.Policy.Tests.Baseline;

public class PathTemplaterTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/reviews/0", "/reviews/{*}")]
    [InlineData("/reviews/12345?rating=true#top", "/reviews/{*}")]
    [InlineData("/api/v1/items", "/api/v1/items")]
    [InlineData("/api/v2/oauth2/h2c", "/api/v2/oauth2/h2c")]
    [InlineData("/users/3f2504e0-4f89-11d3-9a0c-0305e82c3301/orders", "/users/{*}/orders")]
    [InlineData("/blobs/d41d8cd98f00b204e9800998ecf8427e", "/blobs/{*}")]
    [InlineData("/commits/5d8fa1c0", "/commits/{*}")]
    [InlineData("/words/deadbeef/cafe", "/words/deadbeef/cafe")]
    [InlineData("/orders/order-10023", "/orders/{*}")]
    [InlineData("/img/img_20240101.png", "/img/{*}")]
    [InlineData("/keys/AKIAx9Zt7QwErTyUiOp2LkJh", "/keys/{*}")]
    [InlineData("/a//b/", "/a//b/")]
    [InlineData("/static/main.css", "/static/main.css")]
    public void TryTemplate_FoldsIdentifiersAndKeepsWords(string path, string expected)
    {
        Assert.Equal(expected, Template(path));
    }

    [Theory]
    [InlineData("/t/abc123def456ghi789jk==")] // '=' is not in Istio's {*} set: kept, or the policy would not match it
    [InlineData("/t/12%2034")]
    public void ShouldFold_OnlyWhatIstiosSegmentOperatorMatches(string path)
    {
        var segment = Encoding.ASCII.GetBytes(path[3..]);
        var foldable = segment.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~%!$&'()+,;:@"u8) < 0;
        Assert.Equal(foldable, PathTemplater.ShouldFold(segment));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("")]
    [InlineData("http://x/y")]
    [InlineData("?q=1")]
    public void TryTemplate_NotOriginForm_IsRefused(string path)
    {
        Span<byte> buffer = stackalloc byte[PathTemplater.MaxTemplateBytes];
        Assert.False(PathTemplater.TryTemplate(Encoding.ASCII.GetBytes(path), buffer, out _));
    }

    [Fact]
    public void TryTemplate_LongPath_EndsInMultiSegmentOperator()
    {
        var path = "/" + string.Join("/", Enumerable.Range(0, 100).Select(i => $"seg{(char)('a' + (i % 26))}x"));
        var template = Template(path);

        Assert.True(template.Length <= PathTemplater.MaxTemplateBytes);
        Assert.EndsWith("/{**}", template, StringComparison.Ordinal);
        Assert.StartsWith("/segax/segbx/", template, StringComparison.Ordinal);
        Assert.True(EastWestIds.Policy.Matching.PathTemplate.TryParse(template, out var parsed, out var error), error);
        Assert.True(parsed!.Matches(Encoding.ASCII.GetBytes(path)));
    }

    [Fact]
    public void TryTemplate_OneHugeSegment_StillBounded()
    {
        var template = Template("/a/" + new string('b', 5000) + "/c");

        Assert.Equal("/a/{**}", template);
    }

    [Theory]
    [InlineData("/reviews/0")]
    [InlineData("/users/3f2504e0-4f89-11d3-9a0c-0305e82c3301/orders/77?x=1")]
    [InlineData("/api/v1/items")]
    public void Template_IsMatchedByIstiosEvaluatorOfTheSamePath(string path)
    {
        var template = Template(path);

        Assert.True(EastWestIds.Policy.Matching.PathTemplate.TryParse(template, out var parsed, out var error), error);
        Assert.True(parsed!.Matches(Encoding.ASCII.GetBytes(path)));
    }

    [Fact]
    public void TryTemplate_AllocatesNothing()
    {
        var path = "/users/3f2504e0-4f89-11d3-9a0c-0305e82c3301/orders/12345?x=1"u8.ToArray();
        var buffer = new byte[PathTemplater.MaxTemplateBytes]; // an array, not stackalloc: the measured lambda captures it
        var total = 0;
        PathTemplater.TryTemplate(path, buffer, out _);
        long allocated = SteadyAllocation.LeastBytes(() =>
        {
            total = 0;
            for (var i = 0; i < 1000; i++)
            {
                PathTemplater.TryTemplate(path, buffer, out var written);
                total += written;
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(1000 * "/users/{*}/orders/{*}".Length, total);
    }

    internal static string Template(string path)
    {
        Span<byte> buffer = stackalloc byte[PathTemplater.MaxTemplateBytes];
        Assert.True(PathTemplater.TryTemplate(Encoding.ASCII.GetBytes(path), buffer, out var written));
        return Encoding.ASCII.GetString(buffer[..written]);
    }
}
