using System.Text;

namespace EastWestIds.Signatures.Tests.Decoding;

/// <summary>Latin-1 round trips: each char is one byte, so "\u00C0\u00AE" is the bytes C0 AE.</summary>
internal static class L1
{
    public static byte[] Bytes(string s) => Encoding.Latin1.GetBytes(s);

    public static string Text(ReadOnlySpan<byte> b) => Encoding.Latin1.GetString(b);

    public static string Utf8(string s) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(s));
}
