using System.Buffers;
using System.Text;

namespace EastWestIds.Signatures.Prefilter;

/// <summary>
/// The multi-literal prefilter of one inspection slot (a buffer with its transforms): which rules are worth
/// evaluating for a value, found with one vectorized pass over the value.
/// </summary>
/// <remarks>
/// <para>Why this shape: a benign request must cost little and allocate nothing. <see cref="SearchValues{T}"/> of
/// strings (Teddy/Aho-Corasick inside .NET) scans for all literals at once at memory speed and, in the common case of
/// no hit, that one scan is the whole cost. The value is widened byte-for-char (Latin-1) so offsets stay byte offsets.
/// On a hit, the literals that start at that position are verified from a bucket keyed by the folded first two chars
/// (with hundreds of literals per slot, a first-char bucket held dozens, and checking them was most of the scan's
/// cost), each literal marks its rules once per value, and the scan resumes one char later.</para>
/// <para>Literals are compared case-insensitively whatever their rule's <c>nocase</c>: the prefilter may only let more
/// rules through, never fewer; the exact check is the rule's own program. Identical literals are kept once.</para>
/// <para>Literals with a byte of 0x80 or more (Java's serialization magic, UTF-8 of look-alike chars) are searched
/// apart, and only in values that hold such a byte: one of them in the set would send every value down .NET's
/// Unicode case-folding Aho-Corasick, several times slower than the ASCII one; no Latin-1 char from 0x80 on folds to
/// ASCII, so a value without one cannot hold such a literal.</para>
/// </remarks>
internal sealed class LiteralPrefilter
{
    private readonly SearchValues<string>? _ascii;
    private readonly SearchValues<string>? _nonAscii;
    private readonly string[] _literals;
    private readonly int[][] _rulesByLiteral;
    private readonly int[][] _oneCharLiterals;
    private readonly int[]?[]?[] _literalsByFirstTwoChars;
    private readonly int _literalBase;

    /// <param name="literals">Literal bytes → the indices of the rules whose fast pattern it is.</param>
    /// <param name="literalBase">Offset of this prefilter's literal ids in the set-wide numbering (for per-request seen flags).</param>
    public LiteralPrefilter(IReadOnlyList<(byte[] Literal, int[] Rules)> literals, int literalBase)
    {
        _literalBase = literalBase;
        _literals = new string[literals.Count];
        _rulesByLiteral = new int[literals.Count][];
        var ones = new List<int>?[256];
        var twos = new List<int>?[256 * 256];
        for (int i = 0; i < literals.Count; i++)
        {
            string text = Encoding.Latin1.GetString(literals[i].Literal);
            _literals[i] = text;
            _rulesByLiteral[i] = literals[i].Rules;
            if (text.Length == 1)
            {
                (ones[Fold(text[0])] ??= []).Add(i);
            }
            else
            {
                (twos[Fold(text[0]) * 256 + Fold(text[1])] ??= []).Add(i);
            }
        }

        _oneCharLiterals = [.. ones.Select(l => l?.ToArray() ?? [])];
        _literalsByFirstTwoChars = new int[]?[]?[256];
        for (int key = 0; key < twos.Length; key++)
        {
            if (twos[key] is { } list)
            {
                (_literalsByFirstTwoChars[key / 256] ??= new int[]?[256])[key % 256] = [.. list];
            }
        }

        string[] ascii = [.. _literals.Where(l => Ascii.IsValid(l))];
        string[] nonAscii = [.. _literals.Where(l => !Ascii.IsValid(l))];
        _ascii = ascii.Length == 0 ? null : SearchValues.Create(ascii, StringComparison.OrdinalIgnoreCase);
        _nonAscii = nonAscii.Length == 0 ? null : SearchValues.Create(nonAscii, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Number of distinct literals.</summary>
    public int LiteralCount => _literals.Length;

    /// <summary>The literals, for diagnostics and tests.</summary>
    public IReadOnlyList<string> Literals => _literals;

    /// <summary>
    /// Scans value number <paramref name="valueIndex"/> of the slot and marks the rules of every literal found in it
    /// (each literal once per value, tracked in <paramref name="seen"/> by <paramref name="scan"/>, a number the
    /// caller makes unique per value scanned).
    /// </summary>
    public void Scan(ReadOnlySpan<char> value, int valueIndex, RuleMarks marks, int[] seen, int scan)
    {
        if (_ascii is not null)
        {
            Scan(_ascii, value, valueIndex, marks, seen, scan);
        }

        if (_nonAscii is not null && value.ContainsAnyExceptInRange('\0', '\u007f'))
        {
            Scan(_nonAscii, value, valueIndex, marks, seen, scan);
        }
    }

    private void Scan(SearchValues<string> any, ReadOnlySpan<char> value, int valueIndex, RuleMarks marks, int[] seen, int scan)
    {
        int at = 0;
        int remaining = _literals.Length;
        while (at < value.Length)
        {
            int hit = value[at..].IndexOfAny(any);
            if (hit < 0)
            {
                return;
            }

            at += hit;
            ReadOnlySpan<char> rest = value[at..];
            int first = Fold(rest[0]);
            remaining -= Verify(_oneCharLiterals[first], rest, valueIndex, marks, seen, scan);
            if (rest.Length > 1 && _literalsByFirstTwoChars[first] is { } bySecond && bySecond[Fold(rest[1])] is { } bucket)
            {
                remaining -= Verify(bucket, rest, valueIndex, marks, seen, scan);
            }

            if (remaining == 0)
            {
                return;
            }

            at++;
        }
    }

    /// <summary>Marks the rules of each literal of <paramref name="bucket"/> that <paramref name="rest"/> starts with; returns how many were new.</summary>
    private int Verify(int[] bucket, ReadOnlySpan<char> rest, int valueIndex, RuleMarks marks, int[] seen, int scan)
    {
        int found = 0;
        foreach (int literal in bucket)
        {
            ref int mark = ref seen[_literalBase + literal];
            string text = _literals[literal];
            if (mark != scan && rest.StartsWith(text, StringComparison.OrdinalIgnoreCase))
            {
                mark = scan;
                marks.Mark(_rulesByLiteral[literal], valueIndex);
                found++;
            }
        }

        return found;
    }

    // Folding for the bucket key must agree with OrdinalIgnoreCase on Latin-1: fold with char.ToUpperInvariant and
    // keep the result only when it stays in Latin-1 (ÿ and µ upper-case outside it; they then match only themselves).
    private static int Fold(char c)
    {
        char upper = char.ToUpperInvariant(c);
        return upper <= '\u00FF' ? upper : c;
    }
}
