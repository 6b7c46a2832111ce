using System.Buffers;
using System.Text.RegularExpressions;
using EastWestIds.Signatures.Prefilter;

namespace EastWestIds.Signatures.Tests.Prefilter;

public sealed class RegexRequiredCharsTests
{
    [Theory]
    [InlineData(@"[\x27\x22`]\s*or\s+1", RegexOptions.None, "\"'`")] // the class is the smallest required set
    [InlineData(@"(?:<|&lt\;?)php", RegexOptions.IgnoreCase, "&<")] // union of the branches' rarest sets
    [InlineData(@"a;", RegexOptions.None, ";")] // punctuation is rarer than letters in benign values
    [InlineData(@"k", RegexOptions.IgnoreCase, "Kk")]
    [InlineData(@"x*;+", RegexOptions.None, ";")] // x is optional, ; is not
    [InlineData(@"(?:\$\(|`)", RegexOptions.None, "$`")]
    public void RequiredChars_KnownPatterns(string pattern, RegexOptions options, string expected)
    {
        SearchValues<char>? set = RegexLiterals.RequiredChars(pattern, options);

        Assert.NotNull(set);
        for (int c = 0; c < 256; c++)
        {
            Assert.True(set!.Contains((char)c) == expected.Contains((char)c), $"char {c:x2}: expected {expected.Contains((char)c)}");
        }
    }

    [Fact]
    public void RequiredChars_SameAtomUnderOtherOptions_IsAskedAgain()
    {
        // The atom sets are memoized by atom and options: "q" case-sensitive first must not answer for "q" ignoring
        // case, nor the other way round, and the union of a branch with it must not change what the memo holds.
        string[] orders = ["cs", "ci", "cs"];
        foreach (string order in orders)
        {
            RegexOptions options = order == "ci" ? RegexOptions.IgnoreCase : RegexOptions.None;
            SearchValues<char> set = RegexLiterals.RequiredChars("q", options)!;
            Assert.True(set.Contains('q'));
            Assert.Equal(order == "ci", set.Contains('Q'));
            SearchValues<char> union = RegexLiterals.RequiredChars("(?:q|;)", options)!;
            Assert.True(union.Contains(';') && union.Contains('q'));
        }

        Assert.False(RegexLiterals.RequiredChars("q", RegexOptions.None)!.Contains(';'));
    }

    [Theory]
    [InlineData(@"a|.")] // one branch can match anything
    [InlineData(@"\w+")] // too many chars to be worth a check
    [InlineData(@"x?")] // nothing is required
    [InlineData(@"(?i)a;")] // inline options change what atoms match: not analysed
    [InlineData(@"(?=a)b?\1")] // a lookahead consumes nothing, a backreference is not an atom
    public void RequiredChars_NoUsefulSet_IsNull(string pattern) =>
        Assert.Null(RegexLiterals.RequiredChars(pattern, RegexOptions.None));

    [Fact]
    public void RequiredChars_OfEveryShippedPcre_AreInEveryMatchOfTheCasesAndCorpus()
    {
        // Soundness on real data: wherever a shipped pattern matches, the match holds one of its required chars.
        var patterns = ShippedPatterns.Pcre();
        var inputs = ShippedPatterns.CorpusInputs();
        var failures = new List<string>();
        foreach ((string pattern, RegexOptions options) in patterns)
        {
            if (RegexLiterals.RequiredChars(pattern, options) is not { } set)
            {
                continue;
            }

            var regex = new Regex(pattern, options, TimeSpan.FromMilliseconds(200));
            foreach (string input in inputs)
            {
                try
                {
                    Match m = regex.Match(input);
                    if (m.Success && m.Length > 0 && m.Value.AsSpan().IndexOfAny(set) < 0)
                    {
                        failures.Add($"/{pattern}/ matched '{m.Value}' with none of its required chars");
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                }
            }
        }

        Assert.True(patterns.Count > 100, $"only {patterns.Count} patterns found");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    [Theory]
    [InlineData(@"[\x27\x22`]\s*\w+\s*(?:--|#)", "\"'`|#-")] // a quote and a dash or hash
    [InlineData(@"a;b?c", "a|;|c")] // every required element, optional ones left out
    [InlineData(@"(?:<|&lt\;?)php", "&<|p|h|p")]
    [InlineData(@"x;|y<", ";<")] // a top-level alternation gives one set: the union of each branch's rarest set
    public void RequiredCharSets_KnownPatterns(string pattern, string expected)
    {
        IReadOnlyList<string> sets = RegexLiterals.RequiredCharSets(pattern, RegexOptions.None);

        string[] want = expected.Split('|');
        Assert.Equal(want.Length, sets.Count);
        for (int i = 0; i < want.Length; i++)
        {
            Assert.Equal(want[i].Order().ToArray(), sets[i].Order().ToArray());
        }
    }

    [Fact]
    public void RequiredCharSets_OfEveryShippedPcre_AreEachInEveryMatchOfTheCorpus()
    {
        // Soundness on real data: wherever a shipped pattern matches, the match holds a char of each of its sets.
        var failures = new List<string>();
        var inputs = ShippedPatterns.CorpusInputs();
        foreach ((string pattern, RegexOptions options) in ShippedPatterns.Pcre())
        {
            IReadOnlyList<string> sets = RegexLiterals.RequiredCharSets(pattern, options);
            if (sets.Count == 0)
            {
                continue;
            }

            var regex = new Regex(pattern, options, TimeSpan.FromMilliseconds(200));
            foreach (string input in inputs)
            {
                try
                {
                    Match m = regex.Match(input);
                    foreach (string set in sets)
                    {
                        if (m.Success && m.Length > 0 && m.Value.AsSpan().IndexOfAny(set) < 0)
                        {
                            failures.Add($"/{pattern}/ matched '{m.Value}' with no char of [{set}]");
                        }
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }
}
