using System.Text;
using System.Text.RegularExpressions;
using EastWestIds.Signatures.Matching;
using EastWestIds.Signatures.Matching.Steps;

namespace EastWestIds.Signatures.Tests.Matching;

public sealed class LeadingContextTests
{
    private const RegexOptions Engine = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    [Theory]
    [InlineData(@"(?:^|[\s=\x22\x27(])(?:gopher|dict)\s*:(?:\/\/|[a-z\/])", @"(?:gopher|dict)\s*:(?:\/\/|[a-z\/])")]
    [InlineData(@"(?:^|[^\w.-])a+b", "a+b")]
    [InlineData(@"(?:^|[\;&|])\s*\w{1,5}=(?:x|y)", @"\s*\w{1,5}=(?:x|y)")]
    [InlineData(@"(?:^|[\]x])y", "y")]
    public void Splits_APatternOpeningWithAOneCharContext(string pattern, string rest) =>
        Assert.Equal(rest, Split(pattern, RegexOptions.None)?.Rest.Pattern);

    [Theory]
    [InlineData(@"(?:^|[\s])foo|bar")] // the group opens one alternative only
    [InlineData(@"(?:^|[\s])?foo")] // a quantified group
    [InlineData(@"(?:^|[\s]){2}foo")]
    [InlineData(@"(?:^|[a-z-[aeiou]])x")] // a class subtraction
    [InlineData(@"(?:^|[\s])")] // nothing after it
    [InlineData(@"(?:^|[\s])(?#a|b)foo")] // a comment this reading does not skip
    [InlineData(@"(?:^|[\s])(?x) foo # bar")] // extended syntax switched on inside
    [InlineData(@"(?:^|[\s]|&quot;)foo")] // more than one context
    [InlineData(@"(?:[\s]|^)foo")]
    [InlineData(@"(?:^|[]x])foo")]
    [InlineData(@"\bfoo")]
    public void LeavesOtherPatternsWhole(string pattern) => Assert.Null(Split(pattern, RegexOptions.None));

    [Fact]
    public void LeavesExtendedPatternsWhole() =>
        Assert.Null(Split(@"(?:^|[\s])foo", RegexOptions.IgnorePatternWhitespace));

    /// <summary>The split pattern finds the whole pattern's leftmost match, start and length, from every start position.</summary>
    [Theory]
    [InlineData(@"(?:^|[\s=\x22\x27(])(?:gopher|dict|ldap)\s*:(?:\/\/|[a-z\/])", RegexOptions.IgnoreCase)]
    [InlineData(@"(?:^|[\s=\x22\x27(])(?:gopher|dict|ldap)\s*:(?:\/\/|[a-z\/])", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    [InlineData(@"(?:^|[\;&|\s])\s*\w{1,5}=", RegexOptions.None)]
    [InlineData(@"(?:^|[\;&|\s])\s*\w{1,5}=", RegexOptions.Multiline)]
    [InlineData(@"(?:^|[^\w.-])a+b", RegexOptions.None)]
    [InlineData(@"(?:^|[\s])\bgo", RegexOptions.None)]
    [InlineData(@"(?:^|[ab])a*", RegexOptions.None)]
    [InlineData(@"(?:^|[ab])a*", RegexOptions.Multiline)]
    [InlineData(@"(?:^|[ab])(?:ab|b)", RegexOptions.None)]
    [InlineData(@"(?:^|[=\n])x$", RegexOptions.Multiline)]
    public void FindsWhatTheWholePatternFinds_OnRandomText(string pattern, RegexOptions options)
    {
        LeadingContext split = Split(pattern, options)!;
        var whole = new LazyRegex(pattern, options | Engine, TimeSpan.FromSeconds(1));
        var random = new Random(pattern.Length * 31 + (int)options);
        string[] pieces = ["a", "b", "ab", "x", " ", "  ", "=", ";", "&", "\n", "gopher", "GOPHER", "dict", ":", "://", "go", "a+b", ".", "-", "\"", "(", "ldap:/"];
        for (int n = 0; n < 3000; n++)
        {
            var text = new StringBuilder();
            int count = random.Next(0, 30);
            for (int i = 0; i < count; i++)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            string value = text.ToString();
            for (int from = 0; from <= value.Length; from++)
            {
                AssertSame(whole, split, value, from);
            }
        }
    }

    [Fact]
    public void ManyRestMatchesWithoutContext_TheWholePatternTakesOver()
    {
        const string pattern = @"(?:^|[\s=])gopher:";
        LeadingContext split = Split(pattern, RegexOptions.IgnoreCase)!;
        var whole = new LazyRegex(pattern, RegexOptions.IgnoreCase | Engine, TimeSpan.FromSeconds(1));
        string misses = string.Concat(Enumerable.Repeat("xgopher:", LeadingContext.MaxRestSearches));
        foreach (string value in new[] { misses + "x gopher:", misses + "gopher:", misses + "xgopher:", misses + "=gopher:" + misses })
        {
            for (int from = 0; from <= value.Length; from++)
            {
                AssertSame(whole, split, value, from);
            }
        }
    }

    private static void AssertSame(LazyRegex whole, LeadingContext split, string value, int from)
    {
        bool expected = false;
        int expectedStart = 0, expectedLength = 0;
        foreach (ValueMatch m in whole.Value.EnumerateMatches(value, from))
        {
            (expected, expectedStart, expectedLength) = (true, m.Index, m.Length);
            break;
        }

        bool found = split.TryFind(value, from, whole, out int start, out int length);
        Assert.True((expected, expectedStart, expectedLength) == (found, found ? start : 0, found ? length : 0),
            $"{whole.Pattern} on \"{value.Replace("\n", "\\n", StringComparison.Ordinal)}\" from {from}: whole ({expected}, {expectedStart}, {expectedLength}), split ({found}, {start}, {length})");
    }

    private static LeadingContext? Split(string pattern, RegexOptions options) =>
        LeadingContext.TryCreate(pattern, options | RegexOptions.CultureInvariant,
            rest => new LazyRegex(rest, options | Engine, TimeSpan.FromSeconds(1)));
}
