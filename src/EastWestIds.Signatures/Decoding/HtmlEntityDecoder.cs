namespace EastWestIds.Signatures.Decoding;

/// <summary>
/// Decodes HTML character references the way a browser's tokenizer does where it matters for injection:
/// <c>&amp;#60;</c>, <c>&amp;#x3c;</c> and <c>&amp;#X3C</c> with or without the <c>;</c> (browsers accept both,
/// and <c>&amp;#106avascript:</c> in an <c>href</c> is a classic filter bypass), any number of leading zeros,
/// and a common set of named references (<see cref="HtmlNamedEntities"/>), which need their <c>;</c> except the
/// legacy ones browsers also accept bare (<c>&amp;lt</c>, <c>&amp;gt</c>, <c>&amp;amp</c>, <c>&amp;quot</c>).
/// Code point 0, surrogates and values above U+10FFFF become U+FFFD, as in the HTML spec. Anything that is not a
/// reference is copied unchanged. Output never exceeds input (the shortest reference, <c>&amp;#0</c>, is 3 bytes
/// and U+FFFD is 3); in place is safe.
/// </summary>
public static class HtmlEntityDecoder
{
    /// <summary>Decodes <paramref name="input"/> into <paramref name="output"/> (length at least the input's); returns bytes written.</summary>
    public static int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int w = 0;
        int i = 0;
        while (i < input.Length)
        {
            int amp = input[i..].IndexOf((byte)'&');
            if (amp < 0)
            {
                input[i..].CopyTo(output[w..]);
                return w + (input.Length - i);
            }

            input.Slice(i, amp).CopyTo(output[w..]);
            w += amp;
            i += amp;

            int consumed = TryReference(input[i..], out int codePoint);
            if (consumed == 0)
            {
                output[w++] = (byte)'&';
                i++;
                continue;
            }

            i += consumed; // read the whole reference before writing over it
            w += Utf8CodePoint.Write(codePoint, output[w..]);
        }

        return w;
    }

    // Returns the reference's length (0 when s does not start with one) and its code point.
    private static int TryReference(ReadOnlySpan<byte> s, out int codePoint)
    {
        codePoint = 0;
        if (s.Length < 3)
        {
            return 0;
        }

        if (s[1] == (byte)'#')
        {
            return TryNumeric(s, out codePoint);
        }

        return HtmlNamedEntities.TryMatch(s[1..], out codePoint, out int nameLength) ? 1 + nameLength : 0;
    }

    private static int TryNumeric(ReadOnlySpan<byte> s, out int codePoint)
    {
        bool hex = (s[2] | 0x20) == (byte)'x';
        int i = hex ? 3 : 2;
        int start = i;
        long value = 0;
        while (i < s.Length)
        {
            int digit = hex ? Utf8CodePoint.HexValue(s[i]) : (s[i] - '0' is int d && (uint)d <= 9 ? d : -1);
            if (digit < 0)
            {
                break;
            }

            value = Math.Min(value * (hex ? 16 : 10) + digit, 0x110000); // saturate: 10 MB of zeros cannot overflow
            i++;
        }

        if (i == start)
        {
            codePoint = 0;
            return 0;
        }

        if (i < s.Length && s[i] == (byte)';')
        {
            i++;
        }

        codePoint = value is 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF) ? 0xFFFD : (int)value;
        return i;
    }
}
