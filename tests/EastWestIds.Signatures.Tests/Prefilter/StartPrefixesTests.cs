using System.Text;
using System.Text.RegularExpressions;
using EastWestIds.Signatures.Matching.Steps;
using EastWestIds.Signatures.Prefilter;
using EastWestIds.Signatures.Tests.Matching;

namespace EastWestIds.Signatures.Tests.Prefilter;

/// <summary>
/// The guard of start-anchored pcre (<see cref="RegexLiterals.StartPrefixes"/>, <see cref="StartPrefixStep"/>): it may
/// refuse a value only when the regex cannot match it, checked against the regex itself.
/// </summary>
public sealed class StartPrefixesTests
{
    private const string Command = @"^\s*[\x27\x22]?(?:(?:sudo|nohup|time)\s+)?(?:cat|nl|python[0-9.]*|vim?|c89)[\x27\x22]?\s+(?:-{1,2}\w|\/)";

    [Fact]
    public void StartPrefixes_OfACommandPattern_AreTheNamesAfterSpacesAndQuotes()
    {
        AnchoredStart start = RegexLiterals.StartPrefixes(Command, RegexOptions.IgnoreCase)!;
        Assert.Equal(["sudo", "nohup", "time", "cat", "nl", "python", "vi", "c89"], start.Prefixes);
        Assert.True(start.Skip[' '] && start.Skip['\t'] && start.Skip['\u00A0'] && start.Skip['\''] && start.Skip['"']);
        Assert.False(start.Skip['c'] || start.Skip['-']);
    }

    [Theory]
    [InlineData(@"^a|bc")]                  // not anchored: the second alternative matches anywhere
    [InlineData(@"abc")]                    // not anchored at all
    [InlineData(@"^(?i)abc")]               // inline options are not analysed
    [InlineData(@"^\s*(?:ab|\d+)")]         // an alternative without a leading literal
    [InlineData(@"^\s*(?:ab|cd)?\s*ef")]    // skip chars after an optional group
    [InlineData(@"^[a-c]*abc")]             // a prefix begins with a skip char
    [InlineData(@"^\s*é")]                  // a non-ASCII prefix (the guard folds ASCII only)
    [InlineData(@"^(?=ab)abc")]
    [InlineData(@"^(?:(?:ab)?cd|ef)")]     // a nested group that may be absent
    public void StartPrefixes_OtherShapes_AreNotGuarded(string pattern) =>
        Assert.Null(RegexLiterals.StartPrefixes(pattern, RegexOptions.IgnoreCase));

    [Fact]
    public void StartPrefixes_Multiline_IsNotGuarded() =>
        Assert.Null(RegexLiterals.StartPrefixes("^abc", RegexOptions.Multiline));

    [Theory]
    [InlineData(Command, "sudo|nohup|time|cat|nl|python3.11|python|vim|vi|c89| |\t|'|\"|-l|--x|/|x|a|\u00A0|\u0085|CAT")]
    [InlineData(@"^https?:\/\/\w", "http|https|://|s|:|x|HTTP| ")]
    [InlineData(@"^\s*(?:ab)?(?:cd|e-?f)", "ab|cd|e|-|f| |x|AB")]
    public void Guard_AdmitsEveryValueTheRegexMatches_RandomInputs(string pattern, string pieces)
    {
        var regex = new Regex(pattern, RegexOptions.IgnoreCase);
        var guard = new StartPrefixStep(RegexLiterals.StartPrefixes(pattern, RegexOptions.IgnoreCase)!);
        var random = new Random(pattern.Length);
        string[] parts = pieces.Split('|');
        int matched = 0, refused = 0;
        for (int trial = 0; trial < 30000; trial++)
        {
            string value = string.Concat(Enumerable.Range(0, random.Next(1, 8)).Select(_ => parts[random.Next(parts.Length)]));
            bool admits = guard.Admits(Encoding.Latin1.GetBytes(value));
            bool matches = regex.IsMatch(value);
            Assert.True(admits || !matches, $"/{pattern}/ matches '{value}' but the guard refused it");
            matched += matches ? 1 : 0;
            refused += admits ? 0 : 1;
        }

        Assert.True(matched > 100 && refused > 100, $"{matched} matches, {refused} refusals: the test proves little");
    }

    [Fact]
    public void Guard_OfEveryShippedPcre_AdmitsEveryValueTheRegexMatches()
    {
        // The real rules against the CRS corpus and against values made of each pattern's own words behind spaces and
        // quotes (so that the anchored patterns do match): a refusal of a matching value fails the test.
        List<string> corpus = [.. ShippedPatterns.CorpusInputs().Where(v => v.All(c => c <= '\u00FF'))];
        int guarded = 0, matched = 0;
        var failures = new List<string>();
        foreach ((string pattern, RegexOptions options) in ShippedPatterns.Pcre())
        {
            if (RegexLiterals.StartPrefixes(pattern, options) is not { } start)
            {
                continue;
            }

            guarded++;
            var guard = new StartPrefixStep(start);
            var regex = new Regex(pattern, options, TimeSpan.FromMilliseconds(200));
            string[] words = [.. Regex.Matches(pattern, @"[A-Za-z0-9_]+").Select(m => m.Value).Distinct()];
            string[] pieces = [.. words, .. words.Select(w => w.ToUpperInvariant()), " ", "\t", "'", "\"", "-", "--", "/", ".", ":", "\\", "|", ">", "~", "$", "1"];
            var random = new Random(pattern.Length);
            IEnumerable<string> made = Enumerable.Range(0, 3000)
                .Select(_ => string.Concat(Enumerable.Range(0, random.Next(1, 7)).Select(_ => pieces[random.Next(pieces.Length)])));
            foreach (string value in corpus.Concat(made))
            {
                try
                {
                    if (regex.IsMatch(value))
                    {
                        matched++;
                        if (!guard.Admits(Encoding.Latin1.GetBytes(value)))
                        {
                            failures.Add($"/{pattern[..Math.Min(60, pattern.Length)]}…/ matches '{value}' but the guard refused it");
                        }
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                }
            }
        }

        Assert.True(guarded >= 2, $"only {guarded} shipped patterns are guarded");
        Assert.True(matched > 100, $"only {matched} matches: the test proves little");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    [Fact]
    public void GuardedRule_StillMatchesAndRefusesLikeThePcre()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule($"http.uri; pcre:\"/{Command}/i\";"));
        Assert.Equal(1, matcher.Inspect(FakeBuffers.Uri(" 'CAT' /etc/passwd")));
        Assert.Equal(1, matcher.Inspect(FakeBuffers.Uri("nohup python3.11 -c x")));
        Assert.Equal(0, matcher.Inspect(FakeBuffers.Uri("concatenate -x")));
        Assert.Equal(0, matcher.Inspect(FakeBuffers.Uri("x cat /etc/passwd")));
    }
}
