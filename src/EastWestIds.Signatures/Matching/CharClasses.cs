using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EastWestIds.Signatures.Matching;

/// <summary>
/// Which kinds of byte a value holds, as one 64-bit mask: one bit per ASCII punctuation char (the 32 of them), and
/// one each for digits, letters, space, tab, CR, LF, NUL, other control bytes and bytes ≥ 0x80.
/// </summary>
/// <remarks>
/// Why: most rules need some char that benign values rarely hold — a quote, <c>&lt;</c>, <c>$</c>, a NUL — and a
/// value that lacks it cannot match. A value's mask is computed in one pass when its slot is prepared; then each
/// rule's <see cref="ProgramGate"/> is one AND against it instead of a search per rule and value. Letters share one
/// bit whatever their case, so a <c>nocase</c> content needs no special care; a class bit is set when any char of the
/// class is present, so a gate built from classes can only let more values through, never fewer.
/// </remarks>
internal static class CharClasses
{
    private const int Digit = 32, Letter = 33, Space = 34, Tab = 35, CarriageReturn = 36, LineFeed = 37, Nul = 38,
        Control = 39, High = 40;

    /// <summary>The classes of a value not classified: every class, so nothing is ruled out.</summary>
    public const ulong Unknown = ulong.MaxValue;

    /// <summary>Every class but digits and letters: a value without any is one run of letters and digits.</summary>
    public const ulong NotAlphanumeric = ~((1UL << Digit) | (1UL << Letter));

    private static readonly byte[] s_class = BuildTable();

    private static readonly ulong[] s_bits = [.. s_class.Select(c => 1UL << c)];

    /// <summary>Every class there is (41 bits).</summary>
    private static readonly ulong All = s_bits.Aggregate(0UL, (union, bit) => union | bit);

    /// <summary>Bytes read between two checks of whether every class is present already.</summary>
    private const int SaturationCheck = 256;

    /// <summary>The class bit of <paramref name="b"/>.</summary>
    public static ulong Of(byte b) => 1UL << s_class[b];

    /// <summary>The classes present in <paramref name="value"/>.</summary>
    public static ulong Of(ReadOnlySpan<byte> value)
    {
        // One table load and one OR per byte, four independent accumulators so the ORs do not wait on each other.
        // (Skipping runs of letters with vectorized searches cost more: prose has a space every few bytes.)
        ref ulong bits = ref MemoryMarshal.GetArrayDataReference(s_bits);
        ref byte data = ref MemoryMarshal.GetReference(value);
        ulong a = 0, b = 0, c = 0, d = 0;
        int i = 0;
        while (i + 4 <= value.Length)
        {
            // short values (most) in one block: the check below costs them one compare
            int blockEnd = value.Length < 2 * SaturationCheck ? value.Length : Math.Min(value.Length, i + SaturationCheck);
            for (; i + 4 <= blockEnd; i += 4)
            {
                a |= Unsafe.Add(ref bits, Unsafe.Add(ref data, i));
                b |= Unsafe.Add(ref bits, Unsafe.Add(ref data, i + 1));
                c |= Unsafe.Add(ref bits, Unsafe.Add(ref data, i + 2));
                d |= Unsafe.Add(ref bits, Unsafe.Add(ref data, i + 3));
            }

            if ((a | b | c | d) == All)
            {
                // Every class is present (random or compressed bytes have them all within a few KiB): nothing the
                // rest of the value holds can add one. A 64 KiB upload's classes took 18 µs read to the end.
                return All;
            }
        }

        for (; i < value.Length; i++)
        {
            a |= Unsafe.Add(ref bits, Unsafe.Add(ref data, i));
        }

        return a | b | c | d;
    }

    /// <summary>The classes of the chars of <paramref name="chars"/> (Latin-1).</summary>
    public static ulong Of(string chars)
    {
        ulong mask = 0;
        foreach (char c in chars)
        {
            mask |= c <= '\u00FF' ? 1UL << s_class[c] : 0;
        }

        return mask;
    }

    private static byte[] BuildTable()
    {
        var table = new byte[256];
        int punctuation = 0;
        for (int b = 0; b < 256; b++)
        {
            table[b] = b switch
            {
                0 => Nul,
                (byte)'\t' => Tab,
                (byte)'\r' => CarriageReturn,
                (byte)'\n' => LineFeed,
                (byte)' ' => Space,
                < 0x20 or 0x7F => Control,
                >= 0x80 => High,
                >= '0' and <= '9' => Digit,
                >= 'A' and <= 'Z' or >= 'a' and <= 'z' => Letter,
                _ => (byte)punctuation++,
            };
        }

        return punctuation == 32 ? table : throw new InvalidOperationException("ASCII has 32 punctuation chars");
    }
}
