using System.Text;

namespace EastWestIds.Signatures.Matching;

/// <summary>
/// Evidence as text an analyst can read and no viewer can be tricked by: printable ASCII as is, backslash and every
/// other byte as <c>\xNN</c>, at most <see cref="MaxBytes"/> bytes (then <c>…</c>). Built only for matches.
/// </summary>
public static class EvidenceText
{
    /// <summary>The most bytes of a match shown.</summary>
    public const int MaxBytes = 256;

    /// <summary>Formats <paramref name="bytes"/>.</summary>
    public static string Format(ReadOnlySpan<byte> bytes)
    {
        int shown = Math.Min(bytes.Length, MaxBytes);
        var text = new StringBuilder(shown + 8);
        foreach (byte b in bytes[..shown])
        {
            if (b is >= 0x20 and < 0x7F && b != (byte)'\\')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append("\\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (shown < bytes.Length)
        {
            text.Append('…');
        }

        return text.ToString();
    }
}
