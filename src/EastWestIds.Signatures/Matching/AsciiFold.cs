namespace EastWestIds.Signatures.Matching;

/// <summary>ASCII-only case folding, as Suricata's <c>nocase</c> (bytes above 0x7F are compared exactly).</summary>
internal static class AsciiFold
{
    public static byte Lower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;

    public static byte Upper(byte b) => b is >= (byte)'a' and <= (byte)'z' ? (byte)(b & ~0x20) : b;

    public static bool HasLetters(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            if (char.IsAsciiLetter((char)b))
            {
                return true;
            }
        }

        return false;
    }

    public static bool EqualsIgnoreCase(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        for (int i = 0; i < left.Length; i++)
        {
            if (left[i] != right[i] && Lower(left[i]) != Lower(right[i]))
            {
                return false;
            }
        }

        return true;
    }
}
