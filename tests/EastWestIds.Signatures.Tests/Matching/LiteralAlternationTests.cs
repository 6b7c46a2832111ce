using System.Text;
using System.Text.RegularExpressions;
using EastWestIds.Signatures.Matching.Steps;
using EastWestIds.Signatures.Tests.Prefilter;

namespace EastWestIds.Signatures.Tests.Matching;

public sealed class LiteralAlternationTests
{
    private const RegexOptions Engine = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    [Theory]
    [InlineData(@"\r\n(?:content-length|transfer-encoding)\r\n", RegexOptions.IgnoreCase, "\r\ncontent-length\r\n|\r\ntransfer-encoding\r\n")]
    [InlineData(@"abc", RegexOptions.None, "abc")]
    [InlineData(@"a(?:b|c)(?:d|e)", RegexOptions.None, "abd|abe|acd|ace")]
    [InlineData(@"x|y(?:z|)", RegexOptions.None, "x|yz|y")] // an empty alternative inside a group: still finite, in preference order
    [InlineData(@"x|", RegexOptions.None, null)] // an empty literal: refused (the regex matches everywhere)
    [InlineData(@"\x22\.\/#", RegexOptions.None, "\"./#")]
    [InlineData(@"é|è", RegexOptions.None, "é|è")] // Latin-1, case-sensitive
    [InlineData(@"a[01]|b[x-z_]", RegexOptions.None, "a0|a1|b_|bx|by|bz")] // classes of chars and ranges (a class has one order: its chars are exclusive)
    [InlineData(@"[$.?*+{}]", RegexOptions.None, "$|*|+|.|?|{|}")] // metachars are literal in a class
    [InlineData(@"2(?:\.0)?x?", RegexOptions.None, "2.0x|2.0|2x|2")] // greedy ?: the longer first, as the regex tries it
    [InlineData(@" HTTP\/(?:1\.[01]|2(?:\.0)?)$", RegexOptions.None, " HTTP/1.0| HTTP/1.1| HTTP/2.0| HTTP/2")] // once 9402080's (a rule since retired), end-anchored
    [InlineData(@"ab\z", RegexOptions.None, "ab")]
    [InlineData(@"ab\$", RegexOptions.None, "ab$")] // an escaped $ is a literal
    [InlineData(@"(?:a|b)c$", RegexOptions.Multiline, null)] // $ before every newline: refused
    public void TryCreate_ExpandsLiteralPatterns(string pattern, RegexOptions options, string? expected)
    {
        LiteralAlternation? alternation = LiteralAlternation.TryCreate(pattern, options);

        Assert.Equal(expected, alternation is null ? null : string.Join("|", alternation.Literals));
    }

    [Theory]
    [InlineData(@"a+b")] // quantifiers
    [InlineData(@"a*")]
    [InlineData(@"a{2}")]
    [InlineData(@"a??b")] // lazy ?: prefers the shorter, not what the expansion order says
    [InlineData(@"a?")] // an empty literal
    [InlineData(@"[^a]b")] // negated, escaped, nested or subtracted classes
    [InlineData(@"[\d]b")]
    [InlineData(@"[a-z-[aeiou]]")]
    [InlineData(@"[a-\d]")]
    [InlineData(@"a\sb")]
    [InlineData(@"a.b")]
    [InlineData(@"^ab")] // anchors
    [InlineData(@"a|b$")] // $ that closes only the last alternative
    [InlineData(@"(?:a|b$)")]
    [InlineData(@"ab$c")]
    [InlineData(@"ab\Z")]
    [InlineData(@"\bab")]
    [InlineData(@"(ab)\1")] // groups other than (?:…), backreferences
    [InlineData(@"(?i:ab)")]
    [InlineData(@"(?=a)ab")]
    [InlineData(@"a\x{41}")]
    public void TryCreate_RefusesEverythingElse(string pattern) =>
        Assert.Null(LiteralAlternation.TryCreate(pattern, RegexOptions.None));

    [Fact]
    public void TryCreate_RefusesNonAsciiIgnoringCase_AndPatternWhitespace()
    {
        Assert.Null(LiteralAlternation.TryCreate("é", RegexOptions.IgnoreCase));
        Assert.Null(LiteralAlternation.TryCreate("a b", RegexOptions.IgnorePatternWhitespace));
        Assert.Null(LiteralAlternation.TryCreate(string.Join("|", Enumerable.Range(0, 65).Select(i => $"w{i}")), RegexOptions.None));
    }

    [Fact]
    public void TryFind_AgreesWithTheRegex_OnRandomPatternsAndInputs()
    {
        // Literals over a small alphabet, so that they overlap, share prefixes and occur in the inputs often; the
        // regex (NonBacktracking, as the matcher builds it) is the oracle for whether, where and how long.
        var random = new Random(1207);
        const string alphabet = "abAB-\r\n:é";
        int compared = 0;
        for (int p = 0; p < 400; p++)
        {
            string pattern = RandomPattern(random, alphabet, depth: 0);
            RegexOptions options = random.Next(2) == 0 ? RegexOptions.IgnoreCase : RegexOptions.None;
            if (LiteralAlternation.TryCreate(pattern, options) is not { } alternation)
            {
                continue;
            }

            var regex = new Regex(pattern, options | Engine);
            var anchoredRegex = new Regex($"\\A(?:{pattern})", options | Engine);
            for (int i = 0; i < 40; i++)
            {
                string input = RandomInput(random, alphabet, alternation.Literals);
                int from = random.Next(input.Length + 1);
                Expect(regex.EnumerateMatches(input, from), alternation.TryFind(input, from, anchored: false, out int start, out int length),
                    start, length, 0, $"/{Escape(pattern)}/{options} on \"{Escape(input)}\" from {from}");
                Expect(anchoredRegex.EnumerateMatches(input.AsSpan(from)), alternation.TryFind(input, from, anchored: true, out start, out length),
                    start, length, from, $"anchored /{Escape(pattern)}/{options} on \"{Escape(input)}\" from {from}");
                compared++;
            }
        }

        Assert.True(compared > 4000, $"only {compared} comparisons");
    }

    [Fact]
    public void TryFind_OfEveryShippedLiteralPcre_AgreesWithTheRegex_OnTheCorpus()
    {
        var inputs = ShippedPatterns.CorpusInputs();
        int patterns = 0;
        foreach ((string pattern, RegexOptions options) in ShippedPatterns.Pcre())
        {
            if (LiteralAlternation.TryCreate(pattern, options) is not { } alternation)
            {
                continue;
            }

            patterns++;
            var regex = new Regex(pattern, options | Engine);
            foreach (string input in inputs.Append("\r\nhost\r\nContent-Length\r\n\r\n"))
            {
                Expect(regex.EnumerateMatches(input), alternation.TryFind(input, 0, anchored: false, out int start, out int length),
                    start, length, 0, $"/{pattern}/ on the corpus");
            }
        }

        Assert.True(patterns >= 9, $"only {patterns} shipped pcre are literal lists"); // 9402310, 9402460, 9412120, …
    }

    [Fact]
    public void ALiteralListPcre_IsNotAPatternToBuild_AndStillMatches()
    {
        // Its regex would never run: the warm-up must not spend memory on it (the shipped four took 12 MiB).
        var set = TestEngine.Compile(
            TestEngine.Rule("http.uri; pcre:\"/\\/etc\\/(?:passwd|shadow)/\";", 1),
            TestEngine.Rule("http.uri; pcre:\"/union\\s+select/i\";", 2));

        Assert.Equal(1, set.PatternCount);
        Assert.True(TestEngine.Matches("http.uri; pcre:\"/\\/etc\\/(?:passwd|shadow)/\";", "/a/../etc/shadow"));
        Assert.False(TestEngine.Matches("http.uri; pcre:\"/\\/etc\\/(?:passwd|shadow)/\";", "/etc/group"));
    }

    private static void Expect(Regex.ValueMatchEnumerator matches, bool found, int start, int length, int offset, string what)
    {
        foreach (ValueMatch m in matches)
        {
            Assert.True(found, $"{what}: the regex matches at {m.Index + offset}, the literals do not");
            Assert.True((m.Index + offset, m.Length) == (start, length),
                $"{what}: the regex matches at {m.Index + offset} ({m.Length} chars), the literals at {start} ({length})");
            return;
        }

        Assert.False(found, $"{what}: the literals match at {start}, the regex does not");
    }

    private static string RandomPattern(Random random, string alphabet, int depth)
    {
        string pattern = RandomAlternation(random, alphabet, depth);
        // a closing anchor on a third of the top-level patterns (a top-level | makes it close the last branch only,
        // which TryCreate must refuse and the comparison then skips)
        return depth == 0 && random.Next(3) == 0 ? pattern + (random.Next(2) == 0 ? "$" : @"\z") : pattern;
    }

    private static string RandomAlternation(Random random, string alphabet, int depth)
    {
        var branches = new List<string>();
        int count = random.Next(1, 4);
        for (int b = 0; b < count; b++)
        {
            var branch = new StringBuilder();
            int items = random.Next(1, 5);
            for (int i = 0; i < items; i++)
            {
                if (depth < 2 && random.Next(4) == 0)
                {
                    branch.Append("(?:").Append(RandomAlternation(random, alphabet, depth + 1)).Append(')');
                }
                else if (random.Next(6) == 0)
                {
                    branch.Append('[').Append(Escaped(alphabet[random.Next(alphabet.Length)])).Append(Escaped(alphabet[random.Next(alphabet.Length)])).Append(']');
                }
                else
                {
                    branch.Append(Escaped(alphabet[random.Next(alphabet.Length)]));
                }

                if (random.Next(5) == 0)
                {
                    branch.Append('?');
                }
            }

            branches.Add(branch.ToString());
        }

        return string.Join("|", branches);
    }

    private static string Escaped(char c) => c switch { '\r' => @"\r", '\n' => @"\n", '-' => @"\-", _ => c.ToString() };

    private static string RandomInput(Random random, string alphabet, IReadOnlyList<string> literals)
    {
        var input = new StringBuilder();
        int parts = random.Next(0, 6);
        for (int i = 0; i < parts; i++)
        {
            if (random.Next(3) == 0)
            {
                string literal = literals[random.Next(literals.Count)];
                input.Append(random.Next(2) == 0 ? literal : literal.ToUpperInvariant());
            }
            else
            {
                input.Append(alphabet[random.Next(alphabet.Length)]);
            }
        }

        return input.ToString();
    }

    private static string Escape(string s) => s.Replace("\r", "\\r").Replace("\n", "\\n");
}
