namespace EastWestIds.Signatures.Transforms;

/// <summary>
/// <c>from_base64</c> with Suricata's default mode, RFC 4648: the standard alphabet (<c>A-Z a-z 0-9 + /</c>); decoding
/// stops at the first byte outside it, padding included, and the rest of the buffer is dropped ("rejection of that
/// character and the rest of the string"). A final incomplete quantum yields the whole bytes it holds (<c>QQ</c> is
/// one byte). Output is at most 3/4 of the input.
/// </summary>
public static class Base64Decoder
{
    /// <summary>Decodes <paramref name="input"/> into <paramref name="output"/>; returns bytes written.</summary>
    public static int Decode(ReadOnlySpan<byte> input, Span<byte> output) => Decode(input, output, skipOutsideAlphabet: false);

    /// <summary>
    /// Base64 as RFC 2045 §6.8 reads a MIME part's body (<c>Content-Transfer-Encoding: base64</c>): every byte outside
    /// the alphabet (line breaks, spaces, padding) is ignored, as Python's <c>binascii.a2b_base64</c> ignores it.
    /// </summary>
    public static int DecodeMime(ReadOnlySpan<byte> input, Span<byte> output) => Decode(input, output, skipOutsideAlphabet: true);

    private static int Decode(ReadOnlySpan<byte> input, Span<byte> output, bool skipOutsideAlphabet)
    {
        int w = 0;
        int bits = 0;
        int accumulator = 0;
        foreach (byte b in input)
        {
            int value = SixBits(b);
            if (value < 0)
            {
                if (skipOutsideAlphabet)
                {
                    continue;
                }

                break;
            }

            accumulator = (accumulator << 6) | value;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                output[w++] = (byte)(accumulator >> bits);
                accumulator &= (1 << bits) - 1;
            }
        }

        return w;
    }

    private static int SixBits(byte b) => b switch
    {
        >= (byte)'A' and <= (byte)'Z' => b - 'A',
        >= (byte)'a' and <= (byte)'z' => b - 'a' + 26,
        >= (byte)'0' and <= (byte)'9' => b - '0' + 52,
        (byte)'+' => 62,
        (byte)'/' => 63,
        _ => -1,
    };
}
