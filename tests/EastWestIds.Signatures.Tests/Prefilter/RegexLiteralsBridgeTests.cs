using System.Text.RegularExpressions;
using EastWestIds.Signatures.Prefilter;

namespace EastWestIds.Signatures.Tests.Prefilter;

/// <summary>
/// A literal run carried across an optional atom (<c>https?://</c> gives <c>http://</c> or <c>https</c>): the atom is
/// absent and the run goes on, or present and its first char follows the run. Checked against the regex itself.
/// </summary>
public sealed class RegexLiteralsBridgeTests
{
    [Theory]
    [InlineData(@"^https?:\/\/", "http://|https")]
    [InlineData(@"^x-(?:http-)?method(?:-override)?\s*:", "x-method|x-http-")]
    [InlineData(@"t[\x27\x22]*i[\x27\x22]*m[\x27\x22]*e", "im|i\"|i'")]
    [InlineData(@"etc/pass(?:wd)?", "etc/pass")] // "etc/passwd" holds "etc/pass": the longer one is dropped
    public void Extract_CarriesTheRunAcrossAnOptionalAtom(string pattern, string expected) =>
        Assert.Equal(expected.Split('|'), RegexLiterals.Extract(pattern, ignorePatternWhitespace: false));

    [Theory]
    [InlineData(@"^https?:\/\/", "http|s|:|/|://|x| ")]
    [InlineData(@"x-(?:http-)?method(?:-override)?\s*:", "x-|http-|method|-override| |\t|:|-|x")]
    [InlineData(@"t[\x27\x22]*i[\x27\x22]*m[\x27\x22]*e", "t|i|m|e|'|\"|x")]
    [InlineData(@"java\.(?:lang\.)?(?:io|nio)", "java|.|lang|io|nio|n|x")]
    [InlineData(@"(?:x[yz]?w|q-?r)s", "x|y|z|w|q|-|r|s")]
    public void Extract_EveryMatchOfRandomInputsHoldsALiteral(string pattern, string pieces)
    {
        IReadOnlyList<string> set = RegexLiterals.Extract(pattern, ignorePatternWhitespace: false)!;
        Assert.NotNull(set);
        AssertSound(pattern, RegexOptions.IgnoreCase, set, RandomInputs(pieces.Split('|'), 20000, pattern.Length), requireMatches: true);
    }

    [Fact]
    public void Extract_OfEveryShippedPcre_IsInEveryMatchOfTheCorpusAndOfInputsMadeOfItsOwnWords()
    {
        // Soundness on the real rules: wherever a shipped pattern matches (CRS attacks, and random strings made of the
        // pattern's own words and punctuation, so that most patterns do match), the match holds a literal of its set.
        List<string> corpus = ShippedPatterns.CorpusInputs();
        int checkedPatterns = 0;
        var failures = new List<string>();
        foreach ((string pattern, RegexOptions options) in ShippedPatterns.Pcre())
        {
            if (RegexLiterals.Extract(pattern, (options & RegexOptions.IgnorePatternWhitespace) != 0) is not { } set)
            {
                continue;
            }

            checkedPatterns++;
            string[] pieces = [.. Regex.Matches(pattern, @"[A-Za-z0-9_]+").Select(m => m.Value).Distinct(),
                .. " \t\r\n'\"`;|&$(){}[]<>/\\.:-=%#@!?*+,".Select(c => c.ToString())];
            List<string> inputs = [.. corpus.Concat(RandomInputs(pieces, 300, pattern.Length))];
            failures.AddRange(Unsound(pattern, options, set, inputs).Take(3));

            // every other set the pcre's regex is checked against first (RegexLiterals.ExtractAll) holds as well
            foreach (IReadOnlyList<string> other in RegexLiterals.ExtractAll(pattern, (options & RegexOptions.IgnorePatternWhitespace) != 0))
            {
                failures.AddRange(Unsound(pattern, options, other, inputs).Take(3));
            }
        }

        Assert.True(checkedPatterns > 200, $"only {checkedPatterns} shipped patterns have a literal set");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    private static IEnumerable<string> RandomInputs(string[] pieces, int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            yield return string.Concat(Enumerable.Range(0, random.Next(1, 10)).Select(_ => pieces[random.Next(pieces.Length)]));
        }
    }

    private static void AssertSound(string pattern, RegexOptions options, IReadOnlyList<string> set, IEnumerable<string> inputs, bool requireMatches)
    {
        List<string> failures = [.. Unsound(pattern, options, set, inputs, out int matched).Take(5)];
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(!requireMatches || matched > 20, $"only {matched} matches: the test proves little");
    }

    private static IEnumerable<string> Unsound(string pattern, RegexOptions options, IReadOnlyList<string> set, IEnumerable<string> inputs) =>
        Unsound(pattern, options, set, inputs, out _);

    private static List<string> Unsound(string pattern, RegexOptions options, IReadOnlyList<string> set, IEnumerable<string> inputs, out int matched)
    {
        var regex = new Regex(pattern, options, TimeSpan.FromMilliseconds(200));
        var failures = new List<string>();
        matched = 0;
        foreach (string input in inputs)
        {
            try
            {
                foreach (Match m in regex.Matches(input))
                {
                    matched++;
                    if (m.Length > 0 && !set.Any(l => m.Value.Contains(l, StringComparison.OrdinalIgnoreCase)))
                    {
                        failures.Add($"/{pattern}/ matched '{m.Value}' without any of {string.Join(" | ", set)}");
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
            }
        }

        return failures;
    }
}
