using EastWestIds.Signatures.Matching;
using EastWestIds.Signatures.Matching.Steps;
using EastWestIds.Signatures.Prefilter;

namespace EastWestIds.Signatures.Tests.Matching;

/// <summary>
/// A pcre's regex runs only on values that hold a literal of each of its other required parts (the prefilter's part
/// put the value there): "select" without "from" is settled by a search.
/// </summary>
public sealed class RequiredLiteralSetsTests
{
    [Theory]
    [InlineData(@"\bselect\b.{0,120}\bfrom\b", "from")]
    [InlineData(@"eval\(.{0,20}\batob\(", "atob(")]
    [InlineData(@"(?:union|select)\s+all", "all")] // "all" and its spaced siblings are the other part
    [InlineData(@"(?:union|select)", "")]          // one required part: nothing else to check
    public void OtherRequired_IsEverySetButThePrefiltersOwn(string pattern, string expected)
    {
        IReadOnlyList<IReadOnlyList<string>> other = RegexLiterals.OtherRequired(pattern, ignorePatternWhitespace: false, maxLiterals: 8);
        IReadOnlyList<string> prefilter = RegexLiterals.Extract(pattern, ignorePatternWhitespace: false)!;

        Assert.DoesNotContain(other, set => set.Order().SequenceEqual(prefilter.Order()));
        int small = RegexLiterals.ExtractAll(pattern, ignorePatternWhitespace: false).Count(set => set.Count <= 8);
        Assert.Equal(small - (prefilter.Count <= 8 ? 1 : 0), other.Count);
        if (expected.Length > 0)
        {
            Assert.Contains(other, set => set.SequenceEqual([expected]));
        }
    }

    [Fact]
    public void OtherRequired_LeavesOutSetsOfManyLiterals()
    {
        // the second part is a list of nine words: a search for them costs about what the regex does
        const string Pattern = @"zqxw.{0,9}(?:alpha|bravo|charlie|delta|echo|foxtrot|golf|hotel|india)";

        Assert.Single(RegexLiterals.OtherRequired(Pattern, ignorePatternWhitespace: false, maxLiterals: 9));
        Assert.Empty(RegexLiterals.OtherRequired(Pattern, ignorePatternWhitespace: false, maxLiterals: 8));
    }

    [Fact]
    public void Pcre_WithoutAnotherRequiredWord_NeverRunsItsRegex()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.uri; content:\"select\"; pcre:\"/\\bselect\\b.{0,40}\\bfrom\\b/i\";"));
        LazyRegex regex = matcher.Set.Get(0).Programs[0].Steps.OfType<PcreStep>().Single().Pattern;

        Assert.Equal(0, matcher.Inspect(FakeBuffers.Uri("/q?sort=select+a+size")));
        Assert.False(regex.IsBuilt); // "from" is missing: the regex was not needed
        Assert.Equal(0, matcher.Inspect(FakeBuffers.Uri("/q?s=select+a+size+fromage")));
        Assert.True(regex.IsBuilt); // "from" is there (in "fromage"): only the regex can tell
        Assert.Equal(1, matcher.Inspect(FakeBuffers.Uri("/q?s=1 union select pw FROM users")));
    }
}
