namespace EastWestIds.Signatures.Decoding;

/// <summary>
/// Decodes the content of a JSON string (between the quotes) per RFC 8259 §7: <c>\" \\ \/ \b \f \n \r \t</c> and
/// <c>\uXXXX</c>, surrogate pairs joined into one 4-byte UTF-8 character. Attackers write <c>\u003cscript\u003e</c>
/// or <c>\u0027 OR 1=1</c> precisely because byte rules do not decode them. Lenient like most parsers' error paths:
/// an unknown or truncated escape is kept literally and flagged <see cref="DecodingAnomalies.MalformedJson"/>; a
/// lone surrogate is written as its 3-byte form and flagged <see cref="DecodingAnomalies.InvalidCodePoint"/>;
/// <c>\u0000</c> is flagged <see cref="DecodingAnomalies.NullByte"/>. Output never exceeds input; in place is safe.
/// </summary>
public static class JsonStringDecoder
{
    /// <summary>Decodes <paramref name="input"/> into <paramref name="output"/>; returns bytes written.</summary>
    public static int Decode(ReadOnlySpan<byte> input, Span<byte> output, ref DecodingAnomalies anomalies)
    {
        int w = 0;
        int i = 0;
        while (i < input.Length)
        {
            int slash = input[i..].IndexOf((byte)'\\');
            if (slash < 0)
            {
                input[i..].CopyTo(output[w..]);
                return w + (input.Length - i);
            }

            input.Slice(i, slash).CopyTo(output[w..]);
            w += slash;
            i += slash;

            if (i + 1 >= input.Length)
            {
                anomalies |= DecodingAnomalies.MalformedJson;
                output[w++] = (byte)'\\';
                i++;
                continue;
            }

            byte e = input[i + 1];
            byte simple = e switch
            {
                (byte)'"' => (byte)'"',
                (byte)'\\' => (byte)'\\',
                (byte)'/' => (byte)'/',
                (byte)'b' => 0x08,
                (byte)'f' => 0x0C,
                (byte)'n' => (byte)'\n',
                (byte)'r' => (byte)'\r',
                (byte)'t' => (byte)'\t',
                _ => 0,
            };

            if (simple != 0)
            {
                output[w++] = simple;
                i += 2;
                continue;
            }

            if (e == (byte)'u' && TryUnicodeEscape(input, i, out int codePoint, out int consumed, ref anomalies))
            {
                i += consumed;
                w += Utf8CodePoint.Write(codePoint, output[w..]);
                continue;
            }

            anomalies |= DecodingAnomalies.MalformedJson;
            output[w++] = (byte)'\\';
            i++;
        }

        return w;
    }

    private static bool TryUnicodeEscape(ReadOnlySpan<byte> s, int at, out int codePoint, out int consumed, ref DecodingAnomalies anomalies)
    {
        consumed = 0;
        if (!TryQuad(s, at + 2, out codePoint))
        {
            return false;
        }

        consumed = 6;
        if (codePoint is >= 0xD800 and <= 0xDBFF
            && at + 12 <= s.Length && s[at + 6] == (byte)'\\' && s[at + 7] == (byte)'u'
            && TryQuad(s, at + 8, out int low) && low is >= 0xDC00 and <= 0xDFFF)
        {
            codePoint = 0x10000 + ((codePoint - 0xD800) << 10) + (low - 0xDC00);
            consumed = 12;
        }
        else if (codePoint is >= 0xD800 and <= 0xDFFF)
        {
            anomalies |= DecodingAnomalies.InvalidCodePoint;
        }
        else if (codePoint == 0)
        {
            anomalies |= DecodingAnomalies.NullByte;
        }

        return true;
    }

    private static bool TryQuad(ReadOnlySpan<byte> s, int at, out int value)
    {
        value = 0;
        if (at + 4 > s.Length)
        {
            return false;
        }

        for (int k = 0; k < 4; k++)
        {
            int digit = Utf8CodePoint.HexValue(s[at + k]);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        return true;
    }
}
