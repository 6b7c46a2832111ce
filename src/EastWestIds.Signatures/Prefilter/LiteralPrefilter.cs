using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Signatures.Prefilter;

/// <summary>
/// The multi-literal prefilter of one inspection slot (a buffer with its transforms): which rules are worth
/// evaluating for a value, found with one pass over the value's bytes.
/// </summary>
/// <remarks>
/// <para>Why this shape: a benign request must cost little and allocate nothing, and a slot has hundreds of literals
/// (300–900 in the shipped set). <see cref="SearchValues{T}"/> of that many strings is an Aho-Corasick automaton in
/// .NET whose root state looks its next char up in a dictionary, about 30 cycles per byte of every value. Here each
/// position costs two bit tests instead, with no branch: the first three bytes (case folded) hashed into a 64 Kibit
/// table that holds every literal of three or more bytes, and the first two bytes in an exact 64 Kibit table of the
/// two-byte literals (Hyperscan's FDR works alike). Positions that hit are collected without branching, then each
/// is verified against the literals that share its first two bytes. With ~800 literals a table is ~1% full, so
/// verification runs on about one position in a hundred of benign text plus the real hits. One-byte literals are
/// read off the value's <see cref="CharClasses"/> where their class is theirs alone (ASCII punctuation, whitespace,
/// NUL), else found with a vectorized search. A slot with at most <see cref="MaxFewLiterals"/> literals of two bytes or
/// more compares each position's first two bytes with theirs instead, 32 positions at a time (<see cref="ScanFew"/>).</para>
/// <para>Literals are compared case-insensitively whatever their rule's <c>nocase</c> (the Latin-1 case folding of
/// <see cref="StringComparison.OrdinalIgnoreCase"/>): the prefilter may only let more rules through, never fewer; the
/// exact check is the rule's own program. Each literal marks its rules once per value. Identical literals are kept
/// once.</para>
/// </remarks>
internal sealed partial class LiteralPrefilter
{
    /// <summary>Bits of the triple hash; the triple table follows the 2^16-bit pair table in one array.</summary>
    private const int TripleBits = 16;

    private const uint TripleBase = 1 << 16;

    /// <summary>
    /// Up to this many literals of two bytes or more, <see cref="ScanFew"/> compares pairs instead of the hash pass
    /// (one vector compare per literal and 32 positions; the hash pass costs the same two gathers per eight positions
    /// however few literals its tables hold).
    /// </summary>
    public const int MaxFewLiterals = 8;

    /// <summary>Positions collected per block before they are verified (<see cref="Scan"/>'s caller owns the buffer).</summary>
    public const int HitBlock = 256;

    private static readonly byte[] s_fold = BuildFold();

    private readonly string[] _literals;
    private readonly byte[][] _folded;
    private readonly bool[] _ascii;
    private readonly int[][] _rulesByLiteral;
    private readonly ulong[] _table = new ulong[((1 << 16) + (1 << TripleBits)) / 64];
    private readonly Candidate[]?[]?[] _byFirstTwo = new Candidate[]?[]?[256];
    private readonly int _literalBase;

    /// <param name="literals">Literal bytes → the indices of the rules whose fast pattern it is.</param>
    /// <param name="literalBase">Offset of this prefilter's literal ids in the set-wide numbering (for per-request seen flags).</param>
    public LiteralPrefilter(IReadOnlyList<(byte[] Literal, int[] Rules)> literals, int literalBase)
    {
        _literalBase = literalBase;
        _literals = new string[literals.Count];
        _folded = new byte[literals.Count][];
        _ascii = new bool[literals.Count];
        _rulesByLiteral = new int[literals.Count][];
        Array.Fill(_singleByFold, -1);
        var byPair = new Dictionary<int, List<int>>();
        for (int i = 0; i < literals.Count; i++)
        {
            byte[] literal = literals[i].Literal;
            if (literal.Length == 0)
            {
                throw new ArgumentException("a prefilter literal is empty", nameof(literals));
            }

            _literals[i] = Encoding.Latin1.GetString(literal);
            _folded[i] = [.. literal.Select(b => s_fold[b])];
            _ascii[i] = Ascii.IsValid(literal);
            _rulesByLiteral[i] = literals[i].Rules;
            byte[] folded = _folded[i];
            if (folded.Length == 1)
            {
                if (_singleByFold[folded[0]] >= 0)
                {
                    // one id per folded byte: a second would silently take the first's place (its rules never marked)
                    throw new ArgumentException($"the one-byte literals '{_literals[_singleByFold[folded[0]]]}' and '{_literals[i]}' are equal ignoring case: give them as one", nameof(literals));
                }

                _singleByFold[folded[0]] = i;
                continue;
            }

            int pair = folded[0] << 8 | folded[1];
            if (folded.Length == 2)
            {
                _table[pair >> 6] |= 1UL << pair;
            }
            else
            {
                uint triple = TripleBase + ((uint)(folded[0] << 16 | folded[1] << 8 | folded[2]) * 0x9E3779B1u >> (32 - TripleBits));
                _table[triple >> 6] |= 1UL << (int)triple;
            }

            if (!byPair.TryGetValue(pair, out List<int>? bucket))
            {
                byPair.Add(pair, bucket = []);
            }

            bucket.Add(i);
        }

        foreach ((int pair, List<int> bucket) in byPair)
        {
            (_byFirstTwo[pair >> 8] ??= new Candidate[]?[256])[pair & 0xFF] = [.. bucket.Select(l => new Candidate(_folded[l], l))];
        }

        (_exactSingleClasses, _searchedSingleClasses, _singles) = SplitSingles(_singleByFold, _singleByClass);
        _fewPairs = FewPairs(_folded);
    }

    /// <summary>True when the literals of two or more bytes are few enough for <see cref="ScanFew"/> (tests).</summary>
    internal bool SearchesFew => _fewPairs is not null;

    /// <summary>Number of distinct literals.</summary>
    public int LiteralCount => _literals.Length;

    /// <summary>The literals (Latin-1 text), for diagnostics and tests.</summary>
    public IReadOnlyList<string> Literals => _literals;

    /// <summary>The indices of the rules literal number <paramref name="literal"/> marks (to join prefilters).</summary>
    public IReadOnlyList<int> RulesOf(int literal) => _rulesByLiteral[literal];

    /// <summary>
    /// Scans value number <paramref name="valueIndex"/> of the slot and marks the rules of every literal found in it
    /// (each literal once per value, tracked in <paramref name="seen"/> by <paramref name="scan"/>, a number the
    /// caller makes unique per value scanned). <paramref name="classes"/> are the value's <see cref="CharClasses"/>
    /// when <see cref="NeedsClasses"/>, or <see cref="CharClasses.Unknown"/> to have them worked out here.
    /// </summary>
    public void Scan(ReadOnlySpan<byte> value, ulong classes, int valueIndex, RuleMarks marks, int[] seen, int scan, int[] hits)
    {
        if (NeedsClasses)
        {
            MarkSingles(value, classes == CharClasses.Unknown ? CharClasses.Of(value) : classes, valueIndex, marks, seen, scan);
        }

        if (value.Length < 2)
        {
            return;
        }

        if (_fewPairs is not null)
        {
            ScanFew(value, valueIndex, marks, seen, scan);
            return;
        }

        // Positions 0 .. Length-3 have three bytes to hash; the last position only a pair.
        int last = value.Length - 2;
        for (int at = 0; at < last; at += hits.Length)
        {
            int count = Collect(value, at, Math.Min(last, at + hits.Length), _table, hits);
            for (int h = 0; h < count; h++)
            {
                Verify(value, hits[h], valueIndex, marks, seen, scan);
            }
        }

        int pair = s_fold[value[last]] << 8 | s_fold[value[last + 1]];
        if (((_table[pair >> 6] >> pair) & 1) != 0)
        {
            Verify(value, last, valueIndex, marks, seen, scan);
        }
    }

    /// <summary>
    /// Writes to <paramref name="hits"/> every position in [<paramref name="from"/>, <paramref name="to"/>) whose pair
    /// or hashed triple is in <paramref name="table"/>; returns how many. Branch-free, few live values (the hot loop).
    /// </summary>
    private static int Collect(ReadOnlySpan<byte> value, int from, int to, ulong[] table, int[] hits)
    {
        int count = 0;
        if (System.Runtime.Intrinsics.X86.Avx2.IsSupported)
        {
            count = CollectAvx2(value, ref from, to, table, hits);
            if (from >= to)
            {
                return count;
            }
        }

        ref byte fold = ref MemoryMarshal.GetArrayDataReference(s_fold);
        ref byte data = ref MemoryMarshal.GetReference(value);
        ref ulong bits = ref MemoryMarshal.GetArrayDataReference(table);
        ref int hit = ref MemoryMarshal.GetArrayDataReference(hits);
        uint window = (uint)Unsafe.Add(ref fold, Unsafe.Add(ref data, from)) << 8 | Unsafe.Add(ref fold, Unsafe.Add(ref data, from + 1));
        for (int i = from; i < to; i++)
        {
            window = ((window << 8) | Unsafe.Add(ref fold, Unsafe.Add(ref data, i + 2))) & 0xFFFFFF;
            uint pair = window >> 8;
            uint triple = TripleBase + (window * 0x9E3779B1u >> (32 - TripleBits));
            ulong found = (Unsafe.Add(ref bits, (int)(pair >> 6)) >> (int)pair) | (Unsafe.Add(ref bits, (int)(triple >> 6)) >> (int)triple);
            Unsafe.Add(ref hit, count) = i;
            count += (int)found & 1;
        }

        return count;
    }

    /// <summary>Marks the rules of each literal that starts at <paramref name="at"/> and was not seen in this value yet.</summary>
    private void Verify(ReadOnlySpan<byte> value, int at, int valueIndex, RuleMarks marks, int[] seen, int scan)
    {
        if (_byFirstTwo[s_fold[value[at]]] is not { } bySecond || bySecond[s_fold[value[at + 1]]] is not { } bucket)
        {
            return; // a hash collision in the triple table
        }

        ReadOnlySpan<byte> rest = value[at..];
        uint prefix = FoldedPrefix(rest);
        for (int c = 0; c < bucket.Length; c++)
        {
            ref readonly Candidate candidate = ref bucket[c];
            // The folded first four bytes settle most literals of a bucket (all its literals share the first two)
            // without a call; only longer literals that agree there are compared further.
            if ((prefix & candidate.Mask) != candidate.Key || rest.Length < candidate.Length)
            {
                continue;
            }

            ref int mark = ref seen[_literalBase + candidate.Literal];
            if (mark != scan && (candidate.Length <= Candidate.PrefixBytes || RestEquals(rest, candidate.Literal)))
            {
                mark = scan;
                marks.Mark(_rulesByLiteral[candidate.Literal], valueIndex);
            }
        }
    }

    /// <summary>The first (up to) four bytes of <paramref name="rest"/>, case folded, little-endian in one word.</summary>
    private static uint FoldedPrefix(ReadOnlySpan<byte> rest)
    {
        ref byte fold = ref MemoryMarshal.GetArrayDataReference(s_fold);
        if (rest.Length >= Candidate.PrefixBytes)
        {
            return Unsafe.Add(ref fold, rest[0]) | (uint)Unsafe.Add(ref fold, rest[1]) << 8
                | (uint)Unsafe.Add(ref fold, rest[2]) << 16 | (uint)Unsafe.Add(ref fold, rest[3]) << 24;
        }

        uint prefix = 0;
        for (int i = 0; i < rest.Length; i++)
        {
            prefix |= (uint)Unsafe.Add(ref fold, rest[i]) << (8 * i);
        }

        return prefix;
    }

    /// <summary>True when the bytes of <paramref name="rest"/> after the first four equal the literal's (case folded).</summary>
    private bool RestEquals(ReadOnlySpan<byte> rest, int literal)
    {
        byte[] folded = _folded[literal];
        ReadOnlySpan<byte> tail = rest[Candidate.PrefixBytes..folded.Length];
        ReadOnlySpan<byte> expected = folded.AsSpan(Candidate.PrefixBytes);

        // ASCII literals: no Latin-1 byte from 0x80 on folds into ASCII, so ASCII case-insensitive equality is exact.
        if (_ascii[literal])
        {
            return Ascii.EqualsIgnoreCase(tail, expected);
        }

        for (int i = 0; i < expected.Length; i++)
        {
            if (s_fold[tail[i]] != expected[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Case folding that agrees with <see cref="StringComparison.OrdinalIgnoreCase"/> on Latin-1: upper-case with
    /// <see cref="char.ToUpperInvariant"/>, and keep the result only when it stays in Latin-1 (ÿ and µ upper-case
    /// outside it; they then match only themselves).
    /// </summary>
    private static byte[] BuildFold()
    {
        var fold = new byte[256];
        for (int b = 0; b < 256; b++)
        {
            char upper = char.ToUpperInvariant((char)b);
            fold[b] = upper <= '\u00FF' ? (byte)upper : (byte)b;
        }

        return fold;
    }

    /// <summary>
    /// A literal of a verification bucket with its first (up to) <see cref="PrefixBytes"/> folded bytes packed into
    /// <see cref="Key"/> (little-endian, as <see cref="FoldedPrefix"/> packs the value) and a mask of the bytes it has.
    /// </summary>
    private readonly struct Candidate
    {
        public const int PrefixBytes = 4;

        public Candidate(byte[] folded, int literal)
        {
            Literal = literal;
            Length = folded.Length;
            for (int i = 0; i < Math.Min(PrefixBytes, folded.Length); i++)
            {
                Key |= (uint)folded[i] << (8 * i);
                Mask |= 0xFFu << (8 * i);
            }
        }

        // Fields, not properties: read in the verification loop, where callgrind showed the getters as calls.
        public readonly uint Key;
        public readonly uint Mask;
        public readonly int Length;
        public readonly int Literal;
    }
}
