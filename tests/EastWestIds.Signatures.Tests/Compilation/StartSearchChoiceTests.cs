using System.Text;
using System.Text.RegularExpressions;
using EastWestIds.Signatures.Compilation;
using EastWestIds.Signatures.Matching;
using EastWestIds.Signatures.Matching.Steps;
using EastWestIds.Signatures.Tests.Prefilter;

namespace EastWestIds.Signatures.Tests.Compilation;

public sealed class StartSearchChoiceTests
{
    private const RegexOptions Nb = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    [Theory]
    [InlineData(@"\b(?:select|drop|union|from|insert|update|delete|where|and|or|not|like|having|group|order|limit|into)\b", RegexOptions.IgnoreCase)] // 17 words: most letters begin a match
    [InlineData(@"(?:^|[\s;])(?:select|update|delete|insert|drop)\b", RegexOptions.IgnoreCase)] // a space begins one
    [InlineData(@"\b(?:kill|kernel|exec|system|open|read|write|popen|eval|spawn|unlink)\s*\(", RegexOptions.IgnoreCase)] // kill and kernel: .NET cannot search for the words as strings
    [InlineData(@"(?:\$where|\bthis\s*\.|\bdb\s*\.|\bmap\s*\(|\bfind\s*\()", RegexOptions.IgnoreCase)] // a set of more than five chars, tested char by char
    public void Walks_PatternsThatCanBeginWithCommonChars(string pattern, RegexOptions options) =>
        Assert.True(StartSearchChoice.Walks(pattern, options | Nb));

    [Theory]
    [InlineData(@"<\s*script", RegexOptions.IgnoreCase)] // a rare char
    [InlineData(@"\b(?:alert|prompt|confirm|eval|document|window)\s*\(", RegexOptions.IgnoreCase)] // six words .NET searches for at once
    [InlineData(@"[\w.-]:\/\/", RegexOptions.IgnoreCase)] // a rare char at a fixed distance
    [InlineData(@"unix:[^|]{0,40}\|", RegexOptions.None)] // one letter, a prefix .NET searches for
    [InlineData(@"%[0-9a-f]{2}", RegexOptions.IgnoreCase)]
    [InlineData(@"\d{1,20}\s*(?:=|<>)\s*\d", RegexOptions.None)] // one range: one vectorized search
    [InlineData(@"^\s*(?:select|update|delete)\b", RegexOptions.IgnoreCase)] // anchored: only the first position is tried
    [InlineData(@"a*", RegexOptions.None)] // can match empty: not read
    public void Searches_PatternsWithRareStartsOrAnAnchor(string pattern, RegexOptions options) =>
        Assert.False(StartSearchChoice.Walks(pattern, options | Nb));

    [Fact]
    public void Searches_OnTheBacktrackingEngine() =>
        Assert.False(StartSearchChoice.Walks(@"\b(?:alert|prompt|eval)\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));

    [Fact]
    public void ProseShare_OfLettersAndSpace_IsMostOfProse()
    {
        bool[] chars = new bool[256];
        foreach (char c in "abcdefghijklmnopqrstuvwxyz ")
        {
            chars[c] = true;
        }

        double share = StartSearchChoice.ProseShare(chars);
        Assert.InRange(share, 0.9, 1.0);
        Assert.InRange(StartSearchChoice.ProseShare(new bool[256]), 0, 0);
    }

    [Fact]
    public void LazyRegex_WhoseWalkingFormIsRefused_BuildsThePatternItself()
    {
        // a{9999} is within NonBacktracking's size limit; with the walking branch it is not.
        var regex = new LazyRegex("a{9999}", Nb, TimeSpan.FromSeconds(1), walks: true);

        Assert.Equal("a{9999}", regex.Value.ToString());
        Assert.False(regex.IsBacktracking);
    }

    [Fact]
    public void ExhaustiveReference_NeverWalks()
    {
        CompiledSignatureSet set = ShippedSet(SignatureEngineDefaults.Options with { Exhaustive = true });

        Assert.DoesNotContain(NonBacktrackingPatterns(set), p => p.Walks);
    }

    [Fact]
    public void EveryShippedPatternThatWalks_FindsTheMatchesTheBacktrackingEngineFinds()
    {
        // The walking form adds a branch no char of a widened byte can take: every match, and where it begins and
        // ends, must be the pattern's own, on the CRS corpus and on random bytes (all 256 values, \xff included).
        // The reference is the backtracking engine (the semantics NonBacktracking promises), not the pattern on
        // NonBacktracking: with its start search, .NET 10's NonBacktracking skips a later match of one shipped
        // pattern (bench/README.md, session 23), which the walking form finds.
        CompiledSignatureSet set = ShippedSet(SignatureEngineDefaults.Options);
        List<LazyRegex> walking = [.. NonBacktrackingPatterns(set).Where(p => p.Walks)];
        List<string> inputs = [.. ShippedPatterns.CorpusInputs(), .. RandomInputs(walking, 600)];
        var failures = new List<string>();
        int matches = 0;
        foreach (LazyRegex pattern in walking)
        {
            Assert.Equal(StartSearchChoice.Walking(pattern.Pattern), pattern.Value.ToString());
            var reference = new Regex(pattern.Pattern, pattern.Options & ~RegexOptions.NonBacktracking, TimeSpan.FromMilliseconds(200));
            foreach (string input in inputs)
            {
                string expected;
                try
                {
                    expected = Matches(reference, input);
                }
                catch (RegexMatchTimeoutException)
                {
                    continue;
                }

                string actual = Matches(pattern.Value, input);
                matches += expected.Length > 0 ? 1 : 0;
                if (expected != actual)
                {
                    failures.Add($"/{pattern.Pattern}/ on '{input[..Math.Min(80, input.Length)]}': {expected} walking {actual}");
                }
            }
        }

        Assert.True(walking.Count >= 30, $"only {walking.Count} shipped patterns walk");
        Assert.True(matches > 500, $"only {matches} inputs matched");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    private static string Matches(Regex regex, string input)
    {
        var found = new StringBuilder();
        foreach (ValueMatch m in regex.EnumerateMatches(input))
        {
            found.Append(m.Index).Append('+').Append(m.Length).Append(' ');
        }

        return found.ToString();
    }

    /// <summary>Strings of random bytes (as chars, as the matcher widens them) and of pieces of the patterns' own text.</summary>
    private static IEnumerable<string> RandomInputs(List<LazyRegex> patterns, int count)
    {
        var random = new Random(23);
        string[] words = [.. patterns.SelectMany(p => Regex.Split(p.Pattern, @"[^a-zA-Z_.$/<>:;=-]+")).Where(w => w.Length > 1).Distinct()];
        for (int i = 0; i < count; i++)
        {
            var text = new StringBuilder();
            while (text.Length < 20 + (i % 200))
            {
                switch (random.Next(4))
                {
                    case 0:
                        text.Append((char)random.Next(256));
                        break;
                    case 1:
                        text.Append(' ');
                        break;
                    default:
                        text.Append(words[random.Next(words.Length)]);
                        break;
                }
            }

            yield return text.ToString();
        }
    }

    private static CompiledSignatureSet ShippedSet(SignatureCompilerOptions options)
    {
        SignatureCompileResult result = SignatureSetLoader.Load([TestCommon.RepositoryPaths.InRepository("signatures")], options);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Set!;
    }

    private static IEnumerable<LazyRegex> NonBacktrackingPatterns(CompiledSignatureSet set) =>
        set.Signatures.SelectMany(s => s.Programs).SelectMany(p => p.Steps).OfType<PcreStep>()
            .SelectMany(p => p.LeadingContext is { } leading ? [p.Pattern, leading.Rest] : new[] { p.Pattern })
            .Where(p => (p.Options & RegexOptions.NonBacktracking) != 0)
            .Distinct();
}
