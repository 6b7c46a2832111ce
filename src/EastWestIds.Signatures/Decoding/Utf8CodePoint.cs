namespace EastWestIds.Signatures.Decoding;

/// <summary>
/// Writes a code point as UTF-8. Unlike <see cref="System.Text.Rune"/> it also writes surrogates (as the 3-byte
/// "WTF-8" form) because a decoder must show a rule what the attacker sent, not refuse it.
/// </summary>
internal static class Utf8CodePoint
{
    /// <summary>Bytes needed for <paramref name="codePoint"/> (0 to 0x10FFFF).</summary>
    public static int Length(int codePoint) => codePoint switch
    {
        < 0x80 => 1,
        < 0x800 => 2,
        < 0x10000 => 3,
        _ => 4,
    };

    /// <summary>Writes <paramref name="codePoint"/> (0 to 0x10FFFF) at the start of <paramref name="output"/>; returns bytes written.</summary>
    public static int Write(int codePoint, Span<byte> output)
    {
        switch (codePoint)
        {
            case < 0x80:
                output[0] = (byte)codePoint;
                return 1;
            case < 0x800:
                output[1] = (byte)(0x80 | (codePoint & 0x3F));
                output[0] = (byte)(0xC0 | (codePoint >> 6));
                return 2;
            case < 0x10000:
                output[2] = (byte)(0x80 | (codePoint & 0x3F));
                output[1] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                output[0] = (byte)(0xE0 | (codePoint >> 12));
                return 3;
            default:
                output[3] = (byte)(0x80 | (codePoint & 0x3F));
                output[2] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                output[1] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
                output[0] = (byte)(0xF0 | (codePoint >> 18));
                return 4;
        }
    }

    /// <summary>The value of an ASCII hex digit, or -1.</summary>
    public static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
