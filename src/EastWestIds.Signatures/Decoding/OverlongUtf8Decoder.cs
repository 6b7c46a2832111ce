namespace EastWestIds.Signatures.Decoding;

/// <summary>
/// Replaces overlong UTF-8 forms with the shortest form of the same code point, flagged
/// <see cref="DecodingAnomalies.OverlongUtf8"/>: <c>C0 AE</c> and <c>E0 80 AE</c> and <c>F0 80 80 AE</c> all become
/// <c>.</c>. Old IIS and Tomcat/Java (modified UTF-8) decoders accepted these, so <c>%c0%ae%c0%ae/</c> was a path
/// traversal that a byte-literal <c>../</c> rule never saw. Everything else, valid or not, is copied unchanged:
/// invalid UTF-8 stays as the bytes that were sent. Output never exceeds input; in place is safe.
/// </summary>
public static class OverlongUtf8Decoder
{
    /// <summary>True when <paramref name="input"/> contains a byte that can start an overlong form (C0, C1, E0, F0).</summary>
    public static bool MayContainOverlong(ReadOnlySpan<byte> input) =>
        input.IndexOfAny((byte)0xC0, (byte)0xC1) >= 0 || input.IndexOfAny((byte)0xE0, (byte)0xF0) >= 0;

    /// <summary>Copies <paramref name="input"/> to <paramref name="output"/> with overlong forms shortened; returns bytes written.</summary>
    public static int Decode(ReadOnlySpan<byte> input, Span<byte> output, ref DecodingAnomalies anomalies)
    {
        int w = 0;
        int i = 0;
        while (i < input.Length)
        {
            byte b = input[i];
            int length = b switch
            {
                0xC0 or 0xC1 => 2,
                0xE0 => 3,
                0xF0 => 4,
                _ => 0,
            };

            if (length != 0 && TryOverlong(input, i, length, out int codePoint))
            {
                w += Utf8CodePoint.Write(codePoint, output[w..]);
                anomalies |= DecodingAnomalies.OverlongUtf8 | (codePoint == 0 ? DecodingAnomalies.NullByte : 0);
                i += length;
                continue;
            }

            output[w++] = b;
            i++;
        }

        return w;
    }

    // An overlong form: the right number of continuation bytes, and a value the shorter form could have carried.
    private static bool TryOverlong(ReadOnlySpan<byte> s, int at, int length, out int codePoint)
    {
        codePoint = 0;
        if (at + length > s.Length)
        {
            return false;
        }

        int value = s[at] & (length switch { 2 => 0x1F, 3 => 0x0F, _ => 0x07 });
        for (int k = 1; k < length; k++)
        {
            byte c = s[at + k];
            if ((c & 0xC0) != 0x80)
            {
                return false;
            }

            value = (value << 6) | (c & 0x3F);
        }

        int shortestLimit = length switch { 2 => 0x80, 3 => 0x800, _ => 0x10000 };
        if (value >= shortestLimit)
        {
            return false; // a valid, shortest-form sequence (E0 A0 80 and up; F0 90 80 80 and up)
        }

        codePoint = value;
        return true;
    }
}
