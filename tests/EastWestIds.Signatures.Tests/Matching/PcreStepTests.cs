using EastWestIds.Signatures.Compilation;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Signatures.Tests.Matching;

public sealed class PcreStepTests
{
    [Theory]
    [InlineData("pcre:\"/union\\s+select/i\";", "/q?id=1 UNION  SELECT x", true)]
    [InlineData("pcre:\"/union\\s+select/\";", "/q?id=1 UNION SELECT x", false)]
    [InlineData("pcre:!\"/^\\/api\\//\";", "/admin", true)]
    [InlineData("pcre:!\"/^\\/api\\//\";", "/api/x", false)]
    // R: relative to the end of the previous match; ^ anchors there, as Suricata passes buffer + offset to PCRE.
    [InlineData("content:\"select\"; pcre:\"/^\\s+from/R\";", "select from", true)]
    [InlineData("content:\"select\"; pcre:\"/^\\s+from/R\";", "select x from", false)]
    [InlineData("content:\"select\"; pcre:\"/^from/R\";", "from select", false)]
    // A: anchored at the start of the buffer (or of the relative position).
    [InlineData("pcre:\"/abc/A\";", "abcd", true)]
    [InlineData("pcre:\"/abc/A\";", "xabcd", false)]
    // E: $ only at the very end, not before a final newline.
    [InlineData("pcre:\"/abc$/\";", "abc\n", true)]
    [InlineData("pcre:\"/abc$/E\";", "abc\n", false)]
    [InlineData("pcre:\"/abc$/E\";", "xabc", true)]
    // A content relative to a pcre match.
    [InlineData("pcre:\"/id=\\d+/\"; content:\"&\"; within:1;", "id=12&x", true)]
    [InlineData("pcre:\"/id=\\d+/\"; content:\"&\"; within:1;", "id=12x&", false)]
    // pcre retry: the first "k=" is not followed by a digit, the second is.
    [InlineData("pcre:\"/k=/\"; content:\"7\"; within:1;", "k=x&k=7", true)]
    public void Pcre(string options, string uri, bool expected) =>
        Assert.Equal(expected, TestEngine.Matches("http.uri; " + options, uri));

    [Fact]
    public void Pcre_BytesAreWidenedOneToOne_OffsetsAreByteOffsets()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.uri; content:\"|c3 a9|\"; pcre:\"/^x(y)/R\";"));
        var buffers = new FakeBuffers().With(InspectionBuffer.HttpUri, [(byte)'/', 0xC3, 0xA9, (byte)'x', (byte)'y']);

        Assert.Equal(1, matcher.Inspect(buffers));
        Assert.Equal(1, matcher.Matches[0].Offset); // evidence: the content (the fast pattern) at byte 1
        Assert.Equal(2, matcher.Matches[0].Length);
        Assert.Equal("\\xc3\\xa9", matcher.Matches[0].Evidence);
    }

    [Fact]
    public void Pcre_CatastrophicPatternOnNonBacktrackingEngine_FinishesWithTheRightAnswer()
    {
        // (a+)+$ takes exponential time on a backtracking engine for "aaaa…!"; NonBacktracking is linear.
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.uri; pcre:\"/^(a+)+$/\";"));

        Assert.Equal(0, matcher.Inspect(FakeBuffers.Uri(new string('a', 50_000) + "!")));
        Assert.Equal(1, matcher.Inspect(FakeBuffers.Uri(new string('a', 50_000))));
        Assert.Equal(0, matcher.LastPcreTimeouts);
    }

    [Fact]
    public void Pcre_CatastrophicBacktrackingPattern_TimesOutAsAnOutcomeNotAnException()
    {
        // A backreference forces the backtracking engine; (a|aa)+ before it backtracks exponentially.
        SignatureCompileResult result = SignatureSetLoader.LoadTexts(
            [("redos.rules", TestEngine.Rule("http.uri; pcre:\"/^(a|aa)+(b)\\2$/\";"))],
            TestEngine.Options with { PcreTimeout = TimeSpan.FromMilliseconds(5) });
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Contains(result.Warnings, w => w.Sid == 1 && w.Message.Contains("backtracking", StringComparison.Ordinal));
        var matcher = new SignatureMatcher(result.Set!);

        // "ab" is in every match (the last a of (a|aa)+ before the b), so the value holds it: the prefilter lets the rule
        // through and the regex backtracks over every split of the a's before \2 fails on the c.
        int matches = matcher.Inspect(FakeBuffers.Uri(new string('a', 64) + "bc"));

        Assert.Equal(0, matches);
        Assert.Equal(1, matcher.LastPcreTimeouts);
        Assert.Equal(1, matcher.Inspect(FakeBuffers.Uri("aaabb")));
        Assert.Equal(0, matcher.LastPcreTimeouts);
    }

    [Fact]
    public void Pcre_NegatedPatternThatTimesOut_DoesNotFire()
    {
        SignatureCompileResult result = SignatureSetLoader.LoadTexts(
            [("redos.rules", TestEngine.Rule("http.uri; pcre:!\"/^(a|aa)+(b)\\2$/\";"))],
            TestEngine.Options with { PcreTimeout = TimeSpan.FromMilliseconds(5) });
        var matcher = new SignatureMatcher(result.Set!);

        Assert.Equal(0, matcher.Inspect(FakeBuffers.Uri(new string('a', 64) + "c")));
        Assert.Equal(1, matcher.LastPcreTimeouts);
        Assert.Equal(1, matcher.Inspect(FakeBuffers.Uri("xyz")));
    }

    [Fact]
    public void Pcre_BufferFlag_InspectsThatBufferWithoutChangingTheStickyOne()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.header; content:\"x-evil\"; pcre:\"/\\.php$/U\"; content:\"1\"; distance:0;"));

        var both = new FakeBuffers().With(InspectionBuffer.HttpUri, "/a.php").With(InspectionBuffer.HttpHeader, "x-evil: 1");
        var noPhp = new FakeBuffers().With(InspectionBuffer.HttpUri, "/a.jsp").With(InspectionBuffer.HttpHeader, "x-evil: 1");

        Assert.Equal(1, matcher.Inspect(both));
        Assert.Equal(0, matcher.Inspect(noPhp));
    }
}
