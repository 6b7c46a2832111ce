using EastWestIds.Host.Storage;
using EastWestIds.Storage.Model;

namespace EastWestIds.Host.FunctionalTests.Api;

/// <summary>How a finding's detail becomes stored evidence with its matched span.</summary>
public sealed class EvidenceLocatorTests
{
    private static readonly RequestInfo Request = new(
        "GET /search?q=1%27+union+select HTTP/1.1", "GET", "reviews", "/search?q=1%27+union+select",
        [new HeaderField("host", "reviews"), new HeaderField("user-agent", "sqlmap/1.7")],
        "{\"name\":\"<script>alert(1)</script>\"}");

    [Fact]
    public void MatchFoundVerbatim_IsMarkedInsideItsSource()
    {
        var evidence = EvidenceLocator.Locate("http.request_body[0]@9: <script>", Request)!;
        Assert.Equal("http.request_body", evidence.Buffer);
        Assert.Equal(Request.BodyExcerpt, evidence.Excerpt);
        Assert.Equal("<script>", evidence.Excerpt.Substring(evidence.Offset, evidence.Length));
    }

    [Fact]
    public void HeaderMatch_IsMarkedInTheHeaderBlock()
    {
        var evidence = EvidenceLocator.Locate("http.user_agent[0]@0: sqlmap", Request)!;
        Assert.Equal("sqlmap", evidence.Excerpt.Substring(evidence.Offset, evidence.Length));
        Assert.Contains("user-agent: sqlmap/1.7", evidence.Excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void MatchOnlyAfterDecoding_KeepsTheMatchedTextAllMarked()
    {
        var evidence = EvidenceLocator.Locate("http.uri[0]@8: 1' union select", Request)!;
        Assert.Equal("1' union select", evidence.Excerpt);
        Assert.Equal((0, 15), (evidence.Offset, evidence.Length));
    }

    [Fact]
    public void LongSource_IsCutAroundTheMatch()
    {
        var body = new string('a', 5000) + "NEEDLE" + new string('b', 5000);
        var evidence = EvidenceLocator.Locate("http.request_body[0]@5000: NEEDLE", Request with { BodyExcerpt = body })!;
        Assert.Equal(EvidenceLocator.Context * 2 + 6, evidence.Excerpt.Length);
        Assert.Equal("NEEDLE", evidence.Excerpt.Substring(evidence.Offset, evidence.Length));
    }

    [Theory]
    [InlineData("no xfcc header", "detail", "no xfcc header")]
    [InlineData("http.uri[x]@1: y", "detail", "http.uri[x]@1: y")]
    [InlineData("http.header[2]@14: a: b", "http.header", "a: b")]
    public void Split_ReadsTheSignatureForm_AndLeavesOtherTextWhole(string detail, string buffer, string matched)
        => Assert.Equal((buffer, matched), EvidenceLocator.Split(detail));

    [Fact]
    public void NoDetail_NoEvidence() => Assert.Null(EvidenceLocator.Locate(null, Request));
}
