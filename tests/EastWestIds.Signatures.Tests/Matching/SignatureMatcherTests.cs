using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Matching;
using EastWestIds.TestCommon;

namespace EastWestIds.Signatures.Tests.Matching;

public sealed class SignatureMatcherTests
{
    private static FakeBuffers Request(string uri, string header = "host: a\r\n", params string[] args) =>
        new FakeBuffers().With(InspectionBuffer.HttpUri, uri).With(InspectionBuffer.HttpHeader, header).With(InspectionBuffer.HttpArg, args);

    [Fact]
    public void StickyBuffers_EachProgramInspectsItsOwnBuffer_AllMustHold()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.uri; content:\"/admin\"; http.header; content:\"x-debug\";"));

        Assert.Equal(1, matcher.Inspect(Request("/admin/x", "x-debug: 1\r\n")));
        Assert.Equal(0, matcher.Inspect(Request("/admin/x", "host: a\r\n")));
        Assert.Equal(0, matcher.Inspect(Request("/user", "x-debug: 1\r\n")));
        // Contents never leak across buffers: "x-debug" in the URI does not satisfy the header program.
        Assert.Equal(0, matcher.Inspect(Request("/admin/x-debug", "host: a\r\n")));
    }

    [Fact]
    public void StickyBuffer_ReturningToABuffer_ContinuesItsRelativeChain()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.uri; content:\"a\"; http.header; content:\"h\"; http.uri; content:\"b\"; within:1;"));

        Assert.Equal(1, matcher.Inspect(Request("xab", "h")));
        Assert.Equal(0, matcher.Inspect(Request("xaxb", "h")));
    }

    [Fact]
    public void MultiValuedBuffer_MatchesOnAnyValue_EvidenceNamesTheValue()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.arg; content:\"union\"; nocase; content:\"select\"; nocase; distance:1;"));

        Assert.Equal(1, matcher.Inspect(Request("/", "h", "alice", "1 UNION SELECT pw", "x")));
        SignatureMatch match = matcher.Matches[0];
        Assert.Equal(InspectionBuffer.HttpArg, match.Buffer);
        Assert.Equal(1, match.ValueIndex);
        // Evidence is the fast pattern: without fast_pattern, the longest content ("select").
        Assert.Equal(8, match.Offset);
        Assert.Equal(6, match.Length);
        Assert.Equal("SELECT", match.Evidence);
    }

    [Fact]
    public void MultiValuedBuffer_RelativeChainsDoNotSpanValues()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.arg; content:\"union\"; content:\"select\"; distance:0;"));

        Assert.Equal(0, matcher.Inspect(Request("/", "h", "union", "select")));
        Assert.Equal(1, matcher.Inspect(Request("/", "h", "union select")));
    }

    [Fact]
    public void CandidateTimer_IsCalledOnceForEachCandidate_InSetOrder()
    {
        CompiledSignatureSet set = TestEngine.Compile(
            TestEngine.Rule("http.uri; content:\"/admin\";", 1),
            TestEngine.Rule("http.uri; content:\"/user\";", 2),
            TestEngine.Rule("http.header; content:!\"x-debug\";", 3));
        var matcher = new SignatureMatcher(set);
        var timed = new List<(int Rule, long Ticks)>();
        matcher.CandidateTimer = (rule, ticks) => timed.Add((rule, ticks));

        matcher.Inspect(Request("/admin/x"));

        // the literal's rule and the always-evaluated one (no positive content), not the rule of the absent literal
        Assert.Equal([set.BySid[1].Index, set.BySid[3].Index], timed.Select(t => t.Rule));
        Assert.All(timed, t => Assert.True(t.Ticks >= 0));
        Assert.Equal(matcher.LastCandidates.ToArray(), timed.Select(t => t.Rule));
    }

    [Fact]
    public void MissingBuffer_NeverMatches_EvenForANegatedContent()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.cookie; content:!\"session\";"));

        Assert.Equal(0, matcher.Inspect(Request("/")));
        Assert.Equal(1, matcher.Inspect(Request("/").With(InspectionBuffer.HttpCookie, "theme=dark")));
    }

    [Fact]
    public void Evidence_IsTheFastPatternMatch_InTheDecodedValue()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.uri; content:\"/etc/\"; content:\"passwd\"; fast_pattern; distance:0;"));

        Assert.Equal(1, matcher.Inspect(Request("/f?p=../../etc/passwd&x")));
        SignatureMatch match = matcher.Matches[0];
        Assert.Equal(InspectionBuffer.HttpUri, match.Buffer);
        Assert.Equal(15, match.Offset);
        Assert.Equal(6, match.Length);
        Assert.Equal("passwd", match.Evidence);
    }

    [Fact]
    public void Evidence_WithoutContent_IsTheLastPcreMatch_EscapedAndCapped()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.uri; pcre:\"/x+\\\\\\r?/\";"));

        Assert.Equal(1, matcher.Inspect(Request("/a" + new string('x', 300) + "\\\r")));
        SignatureMatch match = matcher.Matches[0];
        Assert.Equal(2, match.Offset);
        Assert.Equal(302, match.Length);
        Assert.Equal(new string('x', 256) + "…", match.Evidence);
    }

    [Fact]
    public void Evidence_EscapesControlBytesAndBackslash()
    {
        Assert.Equal("a\\x5cb\\x0d\\x0a\\xff", EvidenceText.Format([(byte)'a', (byte)'\\', (byte)'b', 13, 10, 0xFF]));
    }

    [Fact]
    public void Transforms_ApplyToTheStickyBufferBeforeMatchingAndPrefiltering()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.uri; to_lowercase; strip_whitespace; content:\"unionselect\";"));

        Assert.Equal(1, matcher.Inspect(Request("/q?x=1 UNION SELECT")));
        Assert.Equal("unionselect", matcher.Matches[0].Evidence);
        Assert.Equal(0, matcher.Inspect(Request("/q?x=1 UNION ALL SELECT")));
    }

    [Fact]
    public void Transforms_SameBufferWithDifferentTransforms_AreSeparateSlots()
    {
        var matcher = TestEngine.Matcher(
            TestEngine.Rule("http.host; dotprefix; content:\".evil.com\"; endswith;", 1),
            TestEngine.Rule("http.host; content:\"evil.com\"; startswith;", 2));

        Assert.Equal(2, matcher.Inspect(new FakeBuffers().With(InspectionBuffer.HttpHost, "evil.com")));
        Assert.Equal([1, 2], Sids(matcher));
        Assert.Equal(1, matcher.Inspect(new FakeBuffers().With(InspectionBuffer.HttpHost, "a.evil.com")));
        Assert.Equal(0, matcher.Inspect(new FakeBuffers().With(InspectionBuffer.HttpHost, "notevil.com")));
    }

    [Fact]
    public void Detectors_RunOnTheirStickyBuffer_LikeAContentWithoutALiteral()
    {
        var matcher = TestEngine.Matcher(
            TestEngine.Rule("http.arg; detect_sqli;", 1),
            TestEngine.Rule("http.arg; detect_xss; content:\">\"; distance:0;", 2));

        Assert.Equal(1, matcher.Inspect(Request("/", "h", "x", "a' or 1=1 --")));
        Assert.Equal(1, matcher.Matches[0].Sid());
        Assert.Equal("' or 1=1", matcher.Matches[0].Evidence);
        Assert.Equal(1, matcher.Inspect(Request("/", "h", "<script>")));
        Assert.Equal(2, matcher.Matches[0].Sid());
        Assert.Equal(0, matcher.Inspect(Request("/", "h", "<script", "O'Brien")));
    }

    [Fact]
    public void Urilen_MeasuresTheUriWhateverTheStickyBuffer()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.header; content:\"h\"; urilen:>5;"));

        Assert.Equal(1, matcher.Inspect(Request("/abcdef", "h")));
        Assert.Equal(0, matcher.Inspect(Request("/ab", "h")));
    }

    [Fact]
    public void PassRule_WhenItMatches_SuppressesTheRequestsSignatureMatches()
    {
        var matcher = TestEngine.Matcher(
            TestEngine.Rule("http.uri; content:\"select\";", 1),
            "pass http any any -> any any (msg:\"trusted health check\"; http.uri; content:\"/healthz\"; startswith; sid:2;)");

        Assert.Equal(1, matcher.Inspect(Request("/search?q=select")));
        Assert.Equal(0, matcher.Inspect(Request("/healthz?q=select")));
    }

    [Fact]
    public void Prefilter_RequestWithoutAnyLiteral_EvaluatesOnlyTheAlwaysEvaluatedRules()
    {
        var matcher = TestEngine.Matcher(
            TestEngine.Rule("http.uri; content:\"union\"; nocase;", 1),
            TestEngine.Rule("http.uri; content:\"../\";", 2),
            TestEngine.Rule("http.arg; detect_sqli;", 3),
            TestEngine.Rule("http.header; content:!\"host\";", 4));
        Assert.Equal(2, matcher.Set.AlwaysCandidateCount);

        matcher.Inspect(Request("/products/42", "host: a"));
        Assert.Equal(2, matcher.LastCandidateCount);

        matcher.Inspect(Request("/x?q=UNION", "host: a"));
        Assert.Equal(3, matcher.LastCandidateCount);
        Assert.Equal([1], Sids(matcher));
    }

    [Fact]
    public void Inspect_BenignRequestAfterWarmUp_AllocatesNothing()
    {
        var matcher = TestEngine.Matcher(
            TestEngine.Rule("http.uri; content:\"union\"; nocase; pcre:\"/union\\s+select/i\";", 1),
            TestEngine.Rule("http.uri; to_lowercase; content:\"../\";", 2),
            TestEngine.Rule("http.arg; pcre:\"/^[0-9]+'/\";", 3),
            TestEngine.Rule("http.header; content:!\"host\";", 4));
        FakeBuffers request = Request("/products/42?sort=price", "host: a\r\naccept: */*\r\n", "price", "42");
        matcher.Inspect(request);
        matcher.Inspect(request);

        long allocated = SteadyAllocation.LeastBytes(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                matcher.Inspect(request);
            }
        });

        Assert.Equal(0, allocated);
    }

    private static int[] Sids(SignatureMatcher matcher) => [.. matcher.Matches.ToArray().Select(m => m.Signature.Sid)];
}

internal static class SignatureMatchTestExtensions
{
    public static int Sid(this SignatureMatch match) => match.Signature.Sid;
}
