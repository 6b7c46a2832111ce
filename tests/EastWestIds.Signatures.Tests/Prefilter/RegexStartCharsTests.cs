using System.Text.RegularExpressions;
using EastWestIds.Signatures.Prefilter;

namespace EastWestIds.Signatures.Tests.Prefilter;

public sealed class RegexStartCharsTests
{
    [Theory]
    [InlineData(@"\b(?:alert|prompt)\s*\(", RegexOptions.IgnoreCase, "aApP")] // assertions are not read
    [InlineData(@"(?:^|[;&])cat", RegexOptions.None, ";&c")] // a branch of only an anchor lets the next atom begin
    [InlineData(@"a?b*c", RegexOptions.None, "abc")] // optional atoms, then the first required one
    [InlineData(@"(?=x)y", RegexOptions.None, "y")] // a lookahead consumes nothing
    [InlineData(@"(?:ab|cd)+e", RegexOptions.None, "ac")]
    [InlineData(@"x|y\d", RegexOptions.None, "xy")]
    [InlineData(@"k", RegexOptions.IgnoreCase, "kK")]
    [InlineData(@"(a)\1", RegexOptions.None, "a")] // a backreference after the start does not matter
    public void StartChars_KnownPatterns(string pattern, RegexOptions options, string expected)
    {
        bool[]? set = RegexLiterals.StartChars(pattern, options);

        Assert.NotNull(set);
        for (int c = 0; c < 256; c++)
        {
            Assert.True(set![c] == expected.Contains((char)c), $"char {c:x2}: expected {expected.Contains((char)c)}");
        }
    }

    [Theory]
    [InlineData(@"a*")] // matches the empty string: a match may begin anywhere
    [InlineData(@"x|(?:y)?")]
    [InlineData(@"(?i:abc)")] // inline options change what atoms match: not analysed
    [InlineData(@"\1a")] // a backreference first: what it matches depends on the match
    public void StartChars_Unknown_IsNull(string pattern) =>
        Assert.Null(RegexLiterals.StartChars(pattern, RegexOptions.None));

    [Fact]
    public void StartChars_ExtendedSyntax_IsNotRead() =>
        Assert.Null(RegexLiterals.StartChars("a b", RegexOptions.IgnorePatternWhitespace));

    [Fact]
    public void StartChars_OfEveryShippedPcre_HoldTheFirstCharOfEveryMatchOfTheCorpus()
    {
        // Soundness on real data: wherever a shipped pattern matches, its match begins with one of its start chars.
        var patterns = ShippedPatterns.Pcre();
        var inputs = ShippedPatterns.CorpusInputs();
        var failures = new List<string>();
        int known = 0, checkedMatches = 0;
        foreach ((string pattern, RegexOptions options) in patterns)
        {
            if (RegexLiterals.StartChars(pattern, options) is not { } start)
            {
                continue;
            }

            known++;
            var regex = new Regex(pattern, options, TimeSpan.FromMilliseconds(200));
            foreach (string input in inputs)
            {
                try
                {
                    foreach (ValueMatch m in regex.EnumerateMatches(input))
                    {
                        checkedMatches++;
                        char first = input[m.Index];
                        if (m.Length == 0 || (first < 256 && !start[first]))
                        {
                            failures.Add($"/{pattern}/ matched '{input.Substring(m.Index, m.Length)}', whose first char is not a start char");
                        }
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                }
            }
        }

        Assert.True(known > 200, $"start chars known for only {known} of {patterns.Count} patterns");
        Assert.True(checkedMatches > 1000, $"only {checkedMatches} matches checked");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    [Theory]
    [InlineData(@"\b(?:php|phar|zip)\s*:", RegexOptions.IgnoreCase, "php phar zip")]
    [InlineData(@"(?:ab|cd)e", RegexOptions.IgnoreCase, "abe cde")]
    [InlineData(@"abcdefghij", RegexOptions.IgnoreCase, "abcdefgh")] // at most 8 chars
    [InlineData(@"(?:ab)+c", RegexOptions.IgnoreCase, "ab")] // a repeated group once, then the prefix ends
    [InlineData(@"(?:12|3\.4)x", RegexOptions.None, "12 3.4")] // case matters: digits and punctuation only
    [InlineData(@"(?:ab\$c|de=f)", RegexOptions.IgnoreCase, "ab de")] // a symbol ends a prefix
    [InlineData(@"\bselect\b\s+", RegexOptions.IgnoreCase, "select")]
    public void LeadingPrefixes_KnownPatterns(string pattern, RegexOptions options, string expected)
    {
        IReadOnlyList<string>? prefixes = RegexLiterals.LeadingPrefixes(pattern, options);

        Assert.NotNull(prefixes);
        Assert.Equal(expected.Split(' ').Order(StringComparer.Ordinal), prefixes!.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(@"\s*(?:ab|cd)", RegexOptions.None)] // an optional first atom: no prefix
    [InlineData(@"(?:a|bc)d?", RegexOptions.None)] // a one-char prefix
    [InlineData(@"(?:kernel|process)\.", RegexOptions.IgnoreCase)] // ignoring case, k is also the Kelvin sign
    [InlineData(@"(?:aa|ab|ac|ad|ae|af|ag|ah|ai|aj|al|am|an|ao|ap|aq|ar)", RegexOptions.None)] // 17 prefixes
    [InlineData(@"[ab]c", RegexOptions.IgnoreCase)] // a class
    [InlineData(@"(?:ab|cd)", RegexOptions.None)] // case matters: .NET searches no letter as a prefix
    [InlineData(@"(?:a\$b|cd)", RegexOptions.IgnoreCase)] // the symbol leaves a one-char prefix
    public void LeadingPrefixes_NoneDotNetWouldSearch_IsNull(string pattern, RegexOptions options) =>
        Assert.Null(RegexLiterals.LeadingPrefixes(pattern, options));

    [Theory]
    [InlineData(@"[a-c.-]:\/\/x", "abc.-|:|/")] // at most three offsets
    [InlineData(@"ab?c", "a")] // an optional atom ends them
    [InlineData(@"(?:ab|cd)e", "ac|bd|e")]
    [InlineData(@"(?:ab|c)d", "ac")] // branches of other lengths: only the common offsets
    [InlineData(@"\bx{2}y", "x|x|y")]
    [InlineData(@"\s*x", "")] // the first offset is not fixed
    public void FixedDistanceSets_KnownPatterns(string pattern, string expected)
    {
        IReadOnlyList<bool[]>? sets = RegexLiterals.FixedDistanceSets(pattern, RegexOptions.None);

        Assert.NotNull(sets);
        string[] want = expected.Length == 0 ? [] : expected.Split('|');
        Assert.Equal(want.Length, sets!.Count);
        for (int i = 0; i < want.Length; i++)
        {
            string chars = new([.. Enumerable.Range(0, 256).Where(c => sets[i][c]).Select(c => (char)c)]);
            Assert.Equal(want[i].Order().ToArray(), chars.Order().ToArray());
        }
    }
}
