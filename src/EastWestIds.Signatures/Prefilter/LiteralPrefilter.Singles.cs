using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Signatures.Prefilter;

/// <summary>The one-byte literals: read off the value's char classes where a class is theirs alone, else searched for.</summary>
internal sealed partial class LiteralPrefilter
{
    /// <summary>Values shorter than this are searched for one-byte literals without the vectorized search.</summary>
    private const int ShortValue = 16;

    private readonly int[] _singleByFold = new int[256];
    private readonly int[] _singleByClass = new int[64];
    private readonly ulong _exactSingleClasses;
    private readonly ulong _searchedSingleClasses;
    private readonly SearchValues<byte>? _singles;

    /// <summary>True when <see cref="Scan"/> reads the value's <see cref="CharClasses"/> (it has one-byte literals).</summary>
    public bool NeedsClasses => (_exactSingleClasses | _searchedSingleClasses) != 0;

    /// <summary>
    /// Splits the one-byte literals (<paramref name="singleByFold"/>: literal by folded byte, -1 for none) into those
    /// whose class is theirs alone, entered in <paramref name="singleByClass"/> by class bit, and the others, whose
    /// bytes are returned to be searched for; with the class bits of each kind.
    /// </summary>
    private static (ulong Exact, ulong Searched, SearchValues<byte>? Bytes) SplitSingles(int[] singleByFold, int[] singleByClass)
    {
        Array.Fill(singleByClass, -1);
        ulong exact = 0, searchedClasses = 0;
        var searched = new List<byte>();
        for (int f = 0; f < 256; f++)
        {
            if (singleByFold[f] < 0)
            {
                continue;
            }

            byte[] matching = [.. Enumerable.Range(0, 256).Where(b => s_fold[b] == f).Select(b => (byte)b)];
            ulong classes = matching.Aggregate(0UL, (union, b) => union | CharClasses.Of(b));
            bool isExact = Enumerable.Range(0, 256).All(b => (CharClasses.Of((byte)b) & classes) == 0 || s_fold[b] == f);
            if (isExact)
            {
                // a class that holds only this literal's bytes (an ASCII punctuation char, space, a line break, NUL):
                // the value's classes tell whether it occurs
                exact |= classes;
                for (ulong bits = classes; bits != 0; bits &= bits - 1)
                {
                    singleByClass[System.Numerics.BitOperations.TrailingZeroCount(bits)] = singleByFold[f];
                }
            }
            else
            {
                // a letter, digit, control or high byte shares its class with others: searched for, when the class occurs
                searchedClasses |= classes;
                searched.AddRange(matching);
            }
        }

        return (exact, searchedClasses, searched.Count == 0 ? null : SearchValues.Create([.. searched]));
    }

    /// <summary>
    /// Marks the one-byte literals of the value. Most are ASCII punctuation, whose class bit is theirs alone, so the
    /// value's classes say which occur with no search; only a letter, digit, control or high byte is searched for,
    /// and only when its class occurs.
    /// </summary>
    /// <remarks>
    /// Why: a JSON body restarted the vectorized search at each of its colons (<c>:</c> is a literal; 29 in the
    /// benchmark's order of shoes), each restart paying the search's setup, and every argument value paid a search of
    /// its own; the values' classes are computed anyway, for the rules' gates.
    /// </remarks>
    private void MarkSingles(ReadOnlySpan<byte> value, ulong classes, int valueIndex, RuleMarks marks, int[] seen, int scan)
    {
        for (ulong present = classes & _exactSingleClasses; present != 0; present &= present - 1)
        {
            MarkOnce(_singleByClass[System.Numerics.BitOperations.TrailingZeroCount(present)], valueIndex, marks, seen, scan);
        }

        if ((classes & _searchedSingleClasses) != 0)
        {
            ScanSingles(value, valueIndex, marks, seen, scan);
        }
    }

    private void ScanSingles(ReadOnlySpan<byte> value, int valueIndex, RuleMarks marks, int[] seen, int scan)
    {
        if (value.Length < ShortValue)
        {
            ScanSinglesShort(value, valueIndex, marks, seen, scan);
            return;
        }

        int at = 0;
        while (at < value.Length)
        {
            int found = value[at..].IndexOfAny(_singles!);
            if (found < 0)
            {
                return;
            }

            at += found;
            MarkOnce(_singleByFold[s_fold[value[at]]], valueIndex, marks, seen, scan);
            at++;
        }
    }

    /// <summary>
    /// One-byte literals in a value shorter than a vector, by a table lookup per byte: a vectorized search's setup costs
    /// more than that on the short argument values and names that make up most of a form or JSON request's values.
    /// </summary>
    private void ScanSinglesShort(ReadOnlySpan<byte> value, int valueIndex, RuleMarks marks, int[] seen, int scan)
    {
        ref byte fold = ref MemoryMarshal.GetArrayDataReference(s_fold);
        ref int single = ref MemoryMarshal.GetArrayDataReference(_singleByFold);
        ref byte data = ref MemoryMarshal.GetReference(value);
        for (int at = 0; at < value.Length; at++)
        {
            int literal = Unsafe.Add(ref single, Unsafe.Add(ref fold, Unsafe.Add(ref data, at)));
            if (literal < 0)
            {
                continue;
            }

            MarkOnce(literal, valueIndex, marks, seen, scan);
        }
    }

    /// <summary>Marks the rules of one-byte literal <paramref name="literal"/> unless this value's scan already did.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MarkOnce(int literal, int valueIndex, RuleMarks marks, int[] seen, int scan)
    {
        ref int mark = ref seen[_literalBase + literal];
        if (mark != scan)
        {
            mark = scan;
            marks.Mark(_rulesByLiteral[literal], valueIndex);
        }
    }
}
