using System.Buffers;

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

    /// <summary>Every class but digits and letters: a value without any is one run of letters and digits.</summary>
    public const ulong NotAlphanumeric = ~((1UL << Digit) | (1UL << Letter));

    private static readonly SearchValues<byte> s_alphanumeric =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    private static readonly byte[] s_class = BuildTable();

    /// <summary>The class bit of <paramref name="b"/>.</summary>
    public static ulong Of(byte b) => 1UL << s_class[b];

    /// <summary>The classes present in <paramref name="value"/>.</summary>
    public static ulong Of(ReadOnlySpan<byte> value)
    {
        // Benign text is mostly runs of letters and digits: skip them vectorized, then look at the bytes between.
        ulong mask = 0;
        int at = 0;
        while (at < value.Length)
        {
            int other = value[at..].IndexOfAnyExcept(s_alphanumeric);
            int end = other < 0 ? value.Length : at + other;
            if (end > at)
            {
                mask |= Alphanumerics(value[at..end]);
            }

            if (other < 0)
            {
                break;
            }

            mask |= 1UL << s_class[value[end]];
            at = end + 1;
        }

        return mask;
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

    private static ulong Alphanumerics(ReadOnlySpan<byte> run)
    {
        // A run holds letters, digits or both; finding one of each settles it without reading every byte.
        ulong mask = 0;
        mask |= run.IndexOfAnyInRange((byte)'0', (byte)'9') >= 0 ? 1UL << Digit : 0;
        mask |= run.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0 ? 1UL << Letter : 0;
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
