using System.Text;
using System.Text.RegularExpressions;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Signatures.Tests.Matching;

public sealed class Latin1PatternTests
{
    private const RegexOptions Pcre = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    [Theory]
    [InlineData(@"k", RegexOptions.IgnoreCase, "[Kk]")] // no Kelvin sign (U+212A): it never occurs in Latin-1
    [InlineData(@"\w", RegexOptions.None, @"[0-9A-Z\x5Fa-z\xAA\xB5\xBA\xC0-\xD6\xD8-\xF6\xF8-\xFF]")]
    [InlineData(@"\s+", RegexOptions.None, @"[\x09-\x0D\x20\x85\xA0]+")]
    [InlineData(@"[^<]{0,200}?", RegexOptions.None, @"[\x00-\x3B\x3D-\xFF]{0,200}?")]
    [InlineData(@"\bor\b", RegexOptions.IgnoreCase, @"\b[Oo][Rr]\b")] // anchors are copied as written
    [InlineData(@"(?:^|[\x22'])a{2}$", RegexOptions.None, @"(?:^|[\x22\x27])a{2}$")]
    [InlineData(@"\{%x{", RegexOptions.None, @"\x7B\x25x\x7B")] // '{' not starting a quantifier is a literal
    [InlineData(@".", RegexOptions.None, @"[\x00-\x09\x0B-\xFF]")]
    [InlineData(@".", RegexOptions.Singleline, @"[\x00-\xFF]")]
    [InlineData(@"(?<n>\d)", RegexOptions.None, @"(?<n>[0-9])")]
    public void TryRewrite_SpellsEachAtomOutWithinLatin1(string pattern, RegexOptions options, string expected)
    {
        Assert.True(Latin1Pattern.TryRewrite(pattern, options | RegexOptions.CultureInvariant, out string rewritten, out RegexOptions rewrittenOptions));

        Assert.Equal(expected, rewritten);
        Assert.Equal(RegexOptions.None, rewrittenOptions & RegexOptions.IgnoreCase);
    }

    [Theory]
    [InlineData(@"(\d)\1")] // backreference
    [InlineData(@"(?i)a")] // inline options
    [InlineData(@"[a-z-[aeiou]]")] // class subtraction
    [InlineData(@"(?(a)b|c)")] // conditional
    [InlineData(@"a\")] // dangling escape
    public void TryRewrite_ConstructNotModelled_LeavesThePattern(string pattern)
    {
        Assert.False(Latin1Pattern.TryRewrite(pattern, RegexOptions.None, out string rewritten, out _));
        Assert.Equal(pattern, rewritten);
    }

    [Fact]
    public void TryRewrite_ExtendedMode_LeavesThePattern() =>
        Assert.False(Latin1Pattern.TryRewrite("a b", RegexOptions.IgnorePatternWhitespace, out _, out _));

    [Theory]
    [InlineData(@"\bunion\s+(?:all\s+)?select\b", RegexOptions.IgnoreCase)]
    [InlineData(@"(?:^|[^\w.-])(?:shell_exec|passthru)\b", RegexOptions.IgnoreCase)]
    [InlineData(@"^x[-_]file:[^\r\n]{0,20}?\.jsp$", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    [InlineData(@"<\s*script.*?>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    [InlineData(@"\xc0\xae|\xb5|\xff", RegexOptions.IgnoreCase)] // Latin-1 letters fold within Latin-1 (À/à), µ and ÿ do not
    public void Rewritten_MatchesLikeTheOriginal_OnEveryLatin1Input(string pattern, RegexOptions options)
    {
        options |= Pcre;
        Assert.True(Latin1Pattern.TryRewrite(pattern, options, out string rewritten, out RegexOptions rewrittenOptions));
        var original = new Regex(pattern, options);
        var latin1 = new Regex(rewritten, rewrittenOptions);

        var random = new Random(7);
        foreach (string input in Inputs(random, 2000))
        {
            AssertSameMatches(original, latin1, input);
        }
    }

    [Fact]
    public void Rewritten_EveryShippedPattern_MatchesLikeTheOriginal_OnTheCorpus()
    {
        // The matcher builds every NonBacktracking pattern of the shipped set from its Latin-1 form: both forms must
        // report the same matches (index and length) on Latin-1 input. Pairs are built one at a time (each
        // NonBacktracking regex of the set keeps megabytes) and dropped.
        var patterns = ShippedPatterns.NonBacktracking();
        var inputs = CorpusInputs(400);
        inputs.AddRange(Inputs(new Random(11), 300));
        int rewritten = 0;
        foreach (LazyRegex pattern in patterns)
        {
            if (!Latin1Pattern.TryRewrite(pattern.Pattern, pattern.Options, out string latin1Pattern, out RegexOptions latin1Options))
            {
                continue;
            }

            rewritten++;
            Regex original;
            try
            {
                original = new Regex(pattern.Pattern, pattern.Options);
            }
            catch (NotSupportedException)
            {
                // Too large an automaton: LazyRegex runs the pattern as written on the backtracking engine instead,
                // which it only does if the Latin-1 form is refused as well (same structure, same size).
                Assert.Throws<NotSupportedException>(() => new Regex(latin1Pattern, latin1Options));
                continue;
            }

            var latin1 = new Regex(latin1Pattern, latin1Options);
            foreach (string input in inputs)
            {
                AssertSameMatches(original, latin1, input);
            }
        }

        Assert.True(patterns.Count > 200, $"only {patterns.Count} patterns");
        Assert.Equal(patterns.Count, rewritten); // every shipped NonBacktracking pattern is rewritten
    }

    private static void AssertSameMatches(Regex original, Regex latin1, string input)
    {
        var expected = new List<(int, int)>();
        foreach (ValueMatch m in original.EnumerateMatches(input))
        {
            expected.Add((m.Index, m.Length));
        }

        var actual = new List<(int, int)>();
        foreach (ValueMatch m in latin1.EnumerateMatches(input))
        {
            actual.Add((m.Index, m.Length));
        }

        Assert.True(expected.SequenceEqual(actual), $"/{original}/ on '{input}': {string.Join(",", expected)} vs {string.Join(",", actual)}");
    }

    /// <summary>Random Latin-1 strings biased towards the chars rules are written about, every char 0..255 among them.</summary>
    private static IEnumerable<string> Inputs(Random random, int count)
    {
        const string Common = "aAkKsSiIeEoOrRnN0123456789 \t\r\n<>\"'`;|&$(){}[]/\\.:=-_%#@!*+?,~^\xC0\xE0\xB5\xFF\xA0\x85";
        var sb = new StringBuilder();
        for (int c = 0; c < 256; c++)
        {
            sb.Append((char)c);
        }

        yield return sb.ToString();
        for (int n = 0; n < count; n++)
        {
            sb.Clear();
            int length = random.Next(1, 40);
            for (int i = 0; i < length; i++)
            {
                sb.Append(random.Next(4) == 0 ? (char)random.Next(256) : Common[random.Next(Common.Length)]);
            }

            yield return sb.ToString();
        }
    }

    /// <summary>URIs and bodies of the CRS corpus as the matcher sees them: UTF-8 bytes widened as Latin-1.</summary>
    private static List<string> CorpusInputs(int records)
    {
        string corpus = TestCommon.RepositoryPaths.SharedFile("corpus", "crs-requests.jsonl");
        var inputs = new List<string>();
        foreach (string line in File.ReadLines(corpus).Take(records))
        {
            using var doc = System.Text.Json.JsonDocument.Parse(line);
            var root = doc.RootElement;
            string uri = root.GetProperty("uri").GetString() ?? "";
            inputs.Add(Latin1(uri));
            inputs.Add(Latin1(Uri.UnescapeDataString(uri.Replace('+', ' '))));
            if (root.TryGetProperty("body", out var body) && body.GetString() is { Length: > 0 and < 4096 } text)
            {
                inputs.Add(Latin1(text));
            }
        }

        return inputs;
    }

    private static string Latin1(string text) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));
}
