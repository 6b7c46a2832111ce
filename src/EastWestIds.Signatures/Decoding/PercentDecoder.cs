namespace EastWestIds.Signatures.Decoding;

/// <summary>
/// Percent-decoding as an inspector must do it: lenient where backends are lenient, and noisy about every trick.
/// <list type="bullet">
/// <item><c>%XX</c> (either case) becomes the byte; <c>%</c> without two hex digits is kept literally and flagged
/// <see cref="DecodingAnomalies.InvalidPercentEncoding"/> (what PHP, Java and libhtp's default do).</item>
/// <item>IIS <c>%uXXXX</c> becomes the UTF-8 of that code point (a surrogate pair one character), flagged <see cref="DecodingAnomalies.PercentUEncoding"/>.</item>
/// <item><c>+</c> becomes a space only when asked (query strings and forms; never a path).</item>
/// <item>A decoded NUL is flagged <see cref="DecodingAnomalies.NullByte"/>.</item>
/// </list>
/// Output is never longer than input, and decoding in place (output over input, same start) is safe because each
/// escape is read whole before anything is written at or before its position.
/// <para>
/// <b>Once or until stable?</b> <see cref="DecodeUntilStable"/> decodes again while a pass changed something, at most
/// <see cref="MaxPasses"/> passes. Attackers double-encode (<c>%252e%252e%252f</c>) to slip past a filter that decodes
/// once in front of a backend or framework that decodes twice (a proxy plus the app, a servlet container plus
/// <c>URLDecoder</c>, PHP's <c>urldecode</c> on <c>$_GET</c>); the CRS corpus has such requests (931131-1, 942190-27 is
/// triple-encoded). Decoding once would miss them; the cost of over-decoding a benign value is that rules see one more
/// decoded form. Later passes never turn <c>+</c> into a space (a decoded <c>%2B</c> is a literal plus) and do not
/// re-flag literal <c>%</c>s.
/// </para>
/// <para>
/// <b>Which double encoding is an anomaly.</b> A parameter whose value is a URL with escapes of its own is encoded
/// twice by every correct client (<c>next=https%3A%2F%2Fx%2F%3Fq%3Drain%2520jacket</c>: the value holds <c>%20</c>):
/// redirect targets, links, webhook and callback URLs. What no encoder produces is an escape of an unreserved character
/// (a letter, a digit, <c>-</c>, <c>.</c>, <c>_</c>; RFC 3986 §2.3: URI producers should not), and no URL holds a
/// control character or a byte that is never UTF-8, so <see cref="DecodingAnomalies.DoubleEncoding"/> is flagged when a
/// later pass decodes one of those: <c>%252e</c>, <c>%2573</c>, <c>%250a</c>, <c>%25c0</c>. Everything is still decoded
/// until stable either way, so a rule sees <c>&lt;script&gt;</c> however many times <c>%253C</c> was encoded.
/// </para>
/// </summary>
public static class PercentDecoder
{
    /// <summary>Passes <see cref="DecodeUntilStable"/> makes at most (one plus two re-decodes: triple encoding).</summary>
    public const int MaxPasses = 3;

    /// <summary>
    /// Decodes <paramref name="input"/> once into <paramref name="output"/> (length at least the input's; may be the
    /// same memory). Returns bytes written.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> input, Span<byte> output, bool plusAsSpace, ref DecodingAnomalies anomalies) =>
        DecodePass(input, output, plusAsSpace, flagInvalid: true, ref anomalies, out _, out _);

    /// <summary>
    /// Decodes <paramref name="input"/> into <paramref name="output"/>, then re-decodes the output in place while a pass
    /// still decoded an escape (at most <see cref="MaxPasses"/> passes in all). Returns bytes written.
    /// </summary>
    public static int DecodeUntilStable(ReadOnlySpan<byte> input, Span<byte> output, bool plusAsSpace, ref DecodingAnomalies anomalies)
    {
        int length = DecodePass(input, output, plusAsSpace, flagInvalid: true, ref anomalies, out bool decodedAny, out _);
        for (int pass = 1; pass < MaxPasses && decodedAny && output[..length].IndexOf((byte)'%') >= 0; pass++)
        {
            int before = length;
            length = DecodePass(
                output[..length], output, plusAsSpace: false, flagInvalid: false, ref anomalies, out decodedAny, out bool decodedEscapeNoClientMakes);
            if (decodedEscapeNoClientMakes)
            {
                anomalies |= DecodingAnomalies.DoubleEncoding;
            }

            if (length == before)
            {
                break;
            }
        }

        return length;
    }

    /// <summary>True when <paramref name="input"/> needs decoding at all (has <c>%</c>, or <c>+</c> when it maps to space).</summary>
    public static bool NeedsDecoding(ReadOnlySpan<byte> input, bool plusAsSpace) =>
        plusAsSpace ? input.IndexOfAny((byte)'%', (byte)'+') >= 0 : input.IndexOf((byte)'%') >= 0;

    private static int DecodePass(
        ReadOnlySpan<byte> input, Span<byte> output, bool plusAsSpace, bool flagInvalid, ref DecodingAnomalies anomalies,
        out bool decodedAny, out bool decodedEscapeNoClientMakes)
    {
        decodedAny = false;
        decodedEscapeNoClientMakes = false;
        int w = 0;
        int i = 0;
        while (i < input.Length)
        {
            // Copy the run up to the next '%' (or '+') in one go; most of a URL is such runs.
            int run = plusAsSpace ? input[i..].IndexOfAny((byte)'%', (byte)'+') : input[i..].IndexOf((byte)'%');
            if (run < 0)
            {
                input[i..].CopyTo(output[w..]);
                return w + (input.Length - i);
            }

            if (run > 0)
            {
                input.Slice(i, run).CopyTo(output[w..]); // overlapping in place is fine: CopyTo is a memmove
                w += run;
                i += run;
            }

            byte b = input[i];
            if (b == (byte)'+')
            {
                output[w++] = (byte)' ';
                i++;
                continue;
            }

            if (i + 2 < input.Length && TryHexPair(input, i + 1, out int value))
            {
                output[w++] = (byte)value;
                if (value == 0)
                {
                    anomalies |= DecodingAnomalies.NullByte;
                }

                decodedAny = true;
                decodedEscapeNoClientMakes |= NoEncoderEscapesThis(value);
                i += 3;
                continue;
            }

            if (i + 5 < input.Length && (input[i + 1] | 0x20) == (byte)'u' && TryHexQuad(input, i + 2, out int codePoint))
            {
                // Read the whole escape (both of a pair) before writing: in-place output may overwrite them.
                int length = PercentUCodePoint(input, i, ref codePoint, ref anomalies);
                w += Utf8CodePoint.Write(codePoint, output[w..]);
                anomalies |= DecodingAnomalies.PercentUEncoding | (codePoint == 0 ? DecodingAnomalies.NullByte : 0);
                decodedAny = true;
                i += length;
                continue;
            }

            if (flagInvalid)
            {
                anomalies |= DecodingAnomalies.InvalidPercentEncoding;
            }

            output[w++] = b;
            i++;
        }

        return w;
    }

    /// <summary>
    /// IIS writes a character outside the BMP as the <c>%u</c> escapes of its UTF-16 surrogate pair
    /// (<c>%uD83D%uDE00</c>) and reads them back as that one character, as a JSON decoder reads <c>\uD83D\uDE00</c>:
    /// the pair becomes its code point (12 bytes read), a lone surrogate stays itself and is flagged
    /// <see cref="DecodingAnomalies.InvalidCodePoint"/> (6 bytes read). Without this an emoji in a <c>%u</c>-encoded
    /// argument was a different byte sequence from the same argument sent any other way.
    /// </summary>
    private static int PercentUCodePoint(ReadOnlySpan<byte> input, int at, ref int codePoint, ref DecodingAnomalies anomalies)
    {
        if (codePoint is >= 0xD800 and <= 0xDBFF && at + 11 < input.Length && input[at + 6] == (byte)'%'
            && (input[at + 7] | 0x20) == (byte)'u' && TryHexQuad(input, at + 8, out int low) && low is >= 0xDC00 and <= 0xDFFF)
        {
            codePoint = 0x10000 + ((codePoint - 0xD800) << 10) + (low - 0xDC00);
            return 12;
        }

        if (codePoint is >= 0xD800 and <= 0xDFFF)
        {
            anomalies |= DecodingAnomalies.InvalidCodePoint;
        }

        return 6;
    }

    /// <summary>
    /// A byte no URL a client builds holds as an escape: an unreserved character of RFC 3986 §2.3 that no common
    /// encoder escapes (letters, digits, <c>-</c>, <c>.</c>, <c>_</c>; <c>~</c> is left out, Java's <c>URLEncoder</c>
    /// escapes it), a control character (<c>%0a%0d</c>), or a byte that never occurs in UTF-8 (<c>%c0</c>, <c>%c1</c>,
    /// <c>%f5</c>–<c>%ff</c>: overlong and out-of-range lead bytes).
    /// </summary>
    private static bool NoEncoderEscapesThis(int b) =>
        (uint)((b | 0x20) - 'a') <= 'z' - 'a' || (uint)(b - '0') <= 9 || b is '-' or '.' or '_'
        || b < 0x20 || b == 0x7F || b is 0xC0 or 0xC1 || b >= 0xF5;

    private static bool TryHexPair(ReadOnlySpan<byte> s, int at, out int value)
    {
        int hi = Utf8CodePoint.HexValue(s[at]);
        int lo = Utf8CodePoint.HexValue(s[at + 1]);
        value = (hi << 4) | lo;
        return (hi | lo) >= 0;
    }

    private static bool TryHexQuad(ReadOnlySpan<byte> s, int at, out int value)
    {
        int a = Utf8CodePoint.HexValue(s[at]);
        int b = Utf8CodePoint.HexValue(s[at + 1]);
        int c = Utf8CodePoint.HexValue(s[at + 2]);
        int d = Utf8CodePoint.HexValue(s[at + 3]);
        value = (a << 12) | (b << 8) | (c << 4) | d;
        return (a | b | c | d) >= 0;
    }
}
