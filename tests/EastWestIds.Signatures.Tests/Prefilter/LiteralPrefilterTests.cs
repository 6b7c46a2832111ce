using System.Text;
using EastWestIds.Signatures.Matching;
using EastWestIds.Signatures.Prefilter;

namespace EastWestIds.Signatures.Tests.Prefilter;

/// <summary>
/// The prefilter must mark exactly the rules of the literals a value contains (Latin-1 case-insensitively): fewer
/// would miss attacks, more would cost time. Checked against a plain search for every literal, on both of its
/// strategies (the hash pass for many literals, the vectorized string search for few).
/// </summary>
public sealed class LiteralPrefilterTests
{
    [Theory]
    [InlineData(3)]   // few literals: SearchValues of strings
    [InlineData(40)]  // many: the pair/triple hash pass
    [InlineData(600)]
    public void Scan_MarksExactlyTheRulesOfTheLiteralsFound_RandomInput(int literalCount)
    {
        var random = new Random(literalCount);
        // A small alphabet makes hits, hash collisions and overlapping literals common.
        byte[] alphabet = [.. "abcAB'\"<(%\r\n é\u00C9\u00FF\u00B5x"u8.ToArray().Distinct()];
        var literals = new List<byte[]>();
        var texts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (literals.Count < literalCount)
        {
            int length = random.Next(100) switch { < 10 => 1, < 30 => 2, < 60 => 3, _ => random.Next(4, 9) };
            byte[] literal = [.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])];
            if (texts.Add(Encoding.Latin1.GetString(literal)))
            {
                literals.Add(literal);
            }
        }

        var prefilter = new LiteralPrefilter([.. literals.Select((l, i) => (l, new[] { i }))], literalBase: 0);
        var marks = new RuleMarks(literals.Count);
        var seen = new int[literals.Count];
        var hits = new int[LiteralPrefilter.HitBlock];
        for (int trial = 0; trial < 400; trial++)
        {
            // lengths around the hit block size too, so a literal straddling two blocks is covered
            int length = trial % 10 == 0 ? random.Next(LiteralPrefilter.HitBlock - 4, 3 * LiteralPrefilter.HitBlock) : random.Next(0, 40);
            byte[] value = [.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])];
            marks.Reset();
            prefilter.Scan(value, CharClasses.Of(value), valueIndex: 0, marks, seen, scan: trial + 1, hits);

            string text = Encoding.Latin1.GetString(value);
            int[] expected = [.. Enumerable.Range(0, literals.Count)
                .Where(i => text.Contains(Encoding.Latin1.GetString(literals[i]), StringComparison.OrdinalIgnoreCase))];
            int[] actual = [.. marks.Marked.ToArray().Order()];
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void VectorFold_AgreesWithTheScalarFolding_ForEveryByte()
    {
        // The AVX2 pass hashes vector-folded bytes; the verification compares scalar-folded ones. Were they to differ
        // on one byte (µ, ÿ, ÷, ß …), a literal holding it would hash to a bit the table does not have and be missed.
        for (int b = 0; b < 256; b++)
        {
            Assert.Equal(LiteralPrefilter.FoldByte((byte)b), LiteralPrefilter.Fold(System.Runtime.Intrinsics.Vector128.Create((byte)b))[0]);
            Assert.Equal(LiteralPrefilter.FoldByte((byte)b), LiteralPrefilter.Fold(System.Runtime.Intrinsics.Vector256.Create((byte)b))[31]);
        }

        Assert.Equal((byte)'A', LiteralPrefilter.FoldByte((byte)'a'));
        Assert.Equal((byte)0xC9, LiteralPrefilter.FoldByte(0xE9)); // é → É
        Assert.Equal((byte)0xF7, LiteralPrefilter.FoldByte(0xF7)); // ÷ has no case
    }

    [Theory]
    [InlineData(9)] // more than MaxFewLiterals: the hash pass
    [InlineData(4)] // few: the pair compare
    public void Scan_LongValue_FindsEveryLiteralWhereverItStarts(int count)
    {
        // Every start offset against the 8-position steps and the 16-byte reads of the hash pass (the 32-position
        // steps of the pair compare), and the tail left to the scalar loop.
        string[] words = ["µÿé", "ab", "xyz", "<scr", "sleep(", "union", "../", "%0d", "qq"];
        words = words[..count];
        var prefilter = new LiteralPrefilter([.. words.Select((w, i) => (Encoding.Latin1.GetBytes(w), new[] { i }))], literalBase: 0);
        Assert.Equal(count <= LiteralPrefilter.MaxFewLiterals, prefilter.SearchesFew);
        var marks = new RuleMarks(words.Length);
        var seen = new int[words.Length];
        var hits = new int[LiteralPrefilter.HitBlock];
        int scan = 0;
        for (int w = 0; w < words.Length; w++)
        {
            for (int at = 0; at < 40; at++)
            {
                foreach (int length in (int[])[at + words[w].Length, at + words[w].Length + 1, 48, 300])
                {
                    if (length < at + words[w].Length)
                    {
                        continue;
                    }

                    char[] text = [.. new string('-', length)];
                    // upper case where Latin-1 has it (µ and ÿ upper-case outside it), so case folding is exercised too
                    string upper = new([.. words[w].Select(c => char.ToUpperInvariant(c) is var u && u <= '\u00FF' ? u : c)]);
                    upper.CopyTo(0, text, at, upper.Length);
                    byte[] value = Encoding.Latin1.GetBytes(text);
                    marks.Reset();
                    prefilter.Scan(value, CharClasses.Unknown, 0, marks, seen, ++scan, hits);
                    Assert.True(marks.Marked.ToArray().Contains(w), $"'{words[w]}' at {at} of {length} bytes was missed");
                }
            }
        }
    }

    [Theory]
    [InlineData("union|or|<script|%0d%0a|../")]                                      // few: the vectorized string search
    [InlineData("union|or|<script|%0d%0a|'|select|sleep(|waitfor|benchmark|../")]    // many: the hash pass
    public void Scan_LiteralAtTheEdges_IsFound(string list)
    {
        string[] words = list.Split('|');
        var prefilter = new LiteralPrefilter([.. words.Select((w, i) => (Encoding.Latin1.GetBytes(w), new[] { i }))], literalBase: 0);
        var marks = new RuleMarks(words.Length);
        var seen = new int[words.Length];
        var hits = new int[LiteralPrefilter.HitBlock];
        int scan = 0;
        foreach (string value in (string[])["OR", "xOr", "UNION", "1 UnIoN", "<SCRIPT>", "x%0D%0A", "'", "a'", "..", "../", "SELEC", "x../"])
        {
            marks.Reset();
            Assert.Equal(words.Length <= LiteralPrefilter.MaxFewLiterals, prefilter.SearchesFew);
            prefilter.Scan(Encoding.Latin1.GetBytes(value), CharClasses.Of(Encoding.Latin1.GetBytes(value)), 0, marks, seen, ++scan, hits);
            int[] expected = [.. Enumerable.Range(0, words.Length).Where(i => value.Contains(words[i], StringComparison.OrdinalIgnoreCase))];
            Assert.Equal(expected, marks.Marked.ToArray().Order());
        }
    }

    [Theory]
    [InlineData(":", "{\"a\":1}", true)]      // punctuation: its own class, told by the classes alone
    [InlineData(":", "a-b", false)]
    [InlineData("\t", "a\tb", true)]
    [InlineData("\0", "a\0", true)]
    [InlineData("a", "xAx", true)]            // a letter shares its class with every letter: searched for
    [InlineData("a", "xbx", false)]
    [InlineData("7", "x7", true)]
    [InlineData("7", "x8", false)]
    [InlineData("\u0001", "x\u0001", true)] // other control bytes share one class
    [InlineData("\u0001", "x\u0002", false)]
    [InlineData("\u00E9", "x\u00C9", true)] // é matches É ignoring case; both are high bytes
    [InlineData("\u00E9", "x\u00E8", false)] // è is in the same class but is not é
    public void Scan_OneByteLiteral_IsMarkedExactlyWhenItsByteOccurs(string literal, string value, bool expected)
    {
        // With a two-byte literal too, so the value also takes the hash pass; rule 0 is the one-byte literal's.
        var prefilter = new LiteralPrefilter([(Encoding.Latin1.GetBytes(literal), [0]), ("zz"u8.ToArray(), [1])], literalBase: 0);
        Assert.True(prefilter.NeedsClasses);
        var marks = new RuleMarks(2);
        var seen = new int[2];
        byte[] bytes = Encoding.Latin1.GetBytes(value);
        foreach (ulong classes in (ulong[])[CharClasses.Of(bytes), CharClasses.Unknown])
        {
            marks.Reset();
            prefilter.Scan(bytes, classes, 0, marks, seen, classes == CharClasses.Unknown ? 2 : 1, new int[LiteralPrefilter.HitBlock]);
            Assert.Equal(expected, marks.Marked.ToArray().Contains(0));
        }
    }
}
