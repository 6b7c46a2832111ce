namespace EastWestIds.Signatures.Tests.Matching;

/// <summary>Suricata's content semantics (payload keywords documentation and detect-engine-content-inspection.c), one modifier at a time and in combination.</summary>
public sealed class ContentStepTests
{
    [Theory]
    [InlineData("content:\"abc\";", "xxabcxx", true)]
    [InlineData("content:\"abc\";", "xxabxcx", false)]
    [InlineData("content:\"ABC\";", "xxabcxx", false)]
    [InlineData("content:\"ABC\"; nocase;", "xxabcxx", true)]
    [InlineData("content:\"a|42|c\";", "xaBcx", true)]
    [InlineData("content:\"a|42|c\";", "xabcx", false)]
    public void Content_LiteralAndNocase(string options, string uri, bool expected) =>
        Assert.Equal(expected, TestEngine.Matches("http.uri; " + options, uri));

    [Theory]
    // depth: the match must end within the first N bytes.
    [InlineData("content:\"abc\"; depth:3;", "abcdef", true)]
    [InlineData("content:\"abc\"; depth:3;", "xabcdef", false)]
    [InlineData("content:\"abc\"; depth:4;", "xabcdef", true)]
    // offset: the search starts at byte N.
    [InlineData("content:\"def\"; offset:3;", "abcdef", true)]
    [InlineData("content:\"def\"; offset:4;", "abcdef", false)]
    // depth counts from the offset (Suricata/Snort): bytes [3, 6).
    [InlineData("content:\"def\"; offset:3; depth:3;", "abcdefg", true)]
    [InlineData("content:\"def\"; offset:3; depth:3;", "abcxdefg", false)]
    [InlineData("content:\"def\"; depth:3; offset:3;", "abcdefg", true)]
    public void Content_AbsolutePosition(string options, string uri, bool expected) =>
        Assert.Equal(expected, TestEngine.Matches("http.uri; " + options, uri));

    [Theory]
    // distance: the next content starts at least N bytes after the previous match ends.
    [InlineData("content:\"abc\"; content:\"def\"; distance:0;", "abcdef", true)]
    [InlineData("content:\"abc\"; content:\"def\"; distance:1;", "abcdef", false)]
    [InlineData("content:\"abc\"; content:\"def\"; distance:1;", "abcxdef", true)]
    [InlineData("content:\"abc\"; content:\"def\"; distance:0;", "defabc", false)]
    // a negative distance looks back before the end of the previous match.
    [InlineData("content:\"def\"; content:\"abc\"; distance:-6;", "abcdef", true)]
    [InlineData("content:\"def\"; content:\"bcd\"; distance:-5;", "abcdef", true)]
    [InlineData("content:\"def\"; content:\"abc\"; distance:-5;", "abcdef", false)]
    // within: the next content ends at most N bytes after the previous match ends.
    [InlineData("content:\"abc\"; content:\"def\"; within:3;", "abcdef", true)]
    [InlineData("content:\"abc\"; content:\"def\"; within:3;", "abcxdef", false)]
    // distance and within together: the window starts at distance and is within long.
    [InlineData("content:\"abc\"; content:\"def\"; distance:1; within:4;", "abcxdef", true)]
    [InlineData("content:\"abc\"; content:\"def\"; distance:1; within:4;", "abcdef", false)]
    [InlineData("content:\"abc\"; content:\"def\"; distance:1; within:4;", "abcxxdef", true)]
    [InlineData("content:\"abc\"; content:\"def\"; distance:1; within:4;", "abcxxxdef", false)]
    public void Content_RelativePosition(string options, string uri, bool expected) =>
        Assert.Equal(expected, TestEngine.Matches("http.uri; " + options, uri));

    [Theory]
    [InlineData("content:\"/api\"; startswith;", "/api/v1", true)]
    [InlineData("content:\"/api\"; startswith;", "/x/api", false)]
    [InlineData("content:\".php\"; endswith;", "/index.php", true)]
    [InlineData("content:\".php\"; endswith;", "/index.php?x", false)]
    // endswith tries later occurrences: the first ".php" is not at the end, the second is.
    [InlineData("content:\".php\"; endswith;", "/a.php/b.php", true)]
    [InlineData("content:\"/admin\"; startswith; endswith;", "/admin", true)]
    [InlineData("content:\"/admin\"; startswith; endswith;", "/admin/", false)]
    [InlineData("content:\"/a\"; content:\".php\"; distance:0; endswith;", "/a/b.php", true)]
    public void Content_StartsWithEndsWith(string options, string uri, bool expected) =>
        Assert.Equal(expected, TestEngine.Matches("http.uri; " + options, uri));

    [Theory]
    [InlineData("content:!\"evil\";", "/good", true)]
    [InlineData("content:!\"evil\";", "/evil", false)]
    [InlineData("content:\"/login\"; content:!\"csrf=\";", "/login?user=a", true)]
    [InlineData("content:\"/login\"; content:!\"csrf=\";", "/login?csrf=1", false)]
    // relative negation: absent from the window only.
    [InlineData("content:\"a=\"; content:!\"1\"; within:1;", "a=2&b=1", true)]
    [InlineData("content:\"a=\"; content:!\"1\"; within:1;", "a=1&b=2", false)]
    [InlineData("content:!\"evil\"; offset:4;", "evil/good", true)]
    [InlineData("content:!\"x\"; depth:2;", "abx", true)]
    [InlineData("content:!\"x\"; depth:3;", "abx", false)]
    // negated endswith: a match that is not at the end does not count.
    [InlineData("content:!\".php\"; endswith;", "/a.php?x", true)]
    [InlineData("content:!\".php\"; endswith;", "/a.php", false)]
    public void Content_Negation(string options, string uri, bool expected) =>
        Assert.Equal(expected, TestEngine.Matches("http.uri; " + options, uri));

    [Theory]
    // The first "a" is followed by "x": the within-bounded "b" fails there, and the next "a" is tried.
    [InlineData("content:\"a\"; content:\"b\"; within:1;", "axab", true)]
    [InlineData("content:\"a\"; content:\"b\"; within:1;", "axaxa", false)]
    // Three-deep chain: the middle content retries too.
    [InlineData("content:\"<\"; content:\"script\"; within:6; content:\">\"; within:1;", "< scr <scriptx <script>", true)]
    [InlineData("content:\"<\"; content:\"script\"; within:6; content:\">\"; within:1;", "< scr <scriptx <scriptx", false)]
    // Suricata retries only when the next content has within: with distance alone (and a negated next) it does not.
    [InlineData("content:\"a\"; content:!\"b\"; distance:0;", "ab a", false)]
    [InlineData("content:\"a\"; content:!\"b\"; distance:0; within:1;", "ab ac", true)]
    public void Content_RelativeChainRetriesEarlierOccurrences(string options, string uri, bool expected) =>
        Assert.Equal(expected, TestEngine.Matches("http.uri; " + options, uri));

    [Fact]
    public void Content_RetryOnAdversarialInput_StaysWithinTheStepBudget()
    {
        // 20k "a" with no "b": each "a" is retried, each retry searches its one-byte window; the budget caps it.
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.uri; content:\"a\"; content:\"a\"; within:2; content:\"b\"; within:1;"));
        int matches = matcher.Inspect(FakeBuffers.Uri(new string('a', 20_000)));

        Assert.Equal(0, matches);
        Assert.Equal(1, matcher.LastBudgetExhaustions);
    }

    [Theory]
    [InlineData("content:\"a\"; isdataat:1,relative;", "ab", true)]
    [InlineData("content:\"a\"; isdataat:1,relative;", "ba", false)]
    [InlineData("content:\"a\"; isdataat:!1,relative;", "ba", true)]
    [InlineData("isdataat:4;", "abcde", true)]
    [InlineData("isdataat:5;", "abcde", false)]
    [InlineData("isdataat:!5;", "abcde", true)]
    [InlineData("content:\"a\"; isdataat:2,relative;", "a1 a12", true)]
    public void IsDataAt(string options, string uri, bool expected) =>
        Assert.Equal(expected, TestEngine.Matches("http.uri; " + options, uri));

    [Theory]
    [InlineData("bsize:5;", "abcde", true)]
    [InlineData("bsize:5;", "abcdef", false)]
    [InlineData("bsize:<5;", "abcd", true)]
    [InlineData("bsize:>=5;", "abcd", false)]
    [InlineData("bsize:2<>5;", "abcd", true)]
    [InlineData("bsize:2<>5;", "abcde", false)]
    [InlineData("content:\"ab\"; bsize:>3;", "abcd", true)]
    [InlineData("content:\"ab\"; bsize:>3;", "abc", false)]
    public void Bsize(string options, string uri, bool expected) =>
        Assert.Equal(expected, TestEngine.Matches("http.uri; " + options, uri));
}
