namespace EastWestIds.Signatures.Decoding;

/// <summary>
/// Quoted-printable (RFC 2045 §6.7), the content transfer encoding a multipart part may carry, decoded as the lenient
/// readers of the servers that honour it: Go's <c>mime/multipart</c> undoes it by itself, and python-multipart
/// (Starlette, FastAPI) too. A payload in it is invisible to a rule reading the part as sent (<c>=27=20OR=201=3D1</c>).
/// <c>=XX</c> (either case) is that byte; <c>=</c> before optional spaces and a line break is a soft line break and
/// goes; any other <c>=</c> stays, as Go's reader keeps it. Output is never longer than input.
/// </summary>
public static class QuotedPrintableDecoder
{
    /// <summary>Decodes <paramref name="input"/> into <paramref name="output"/>; returns bytes written.</summary>
    public static int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int w = 0;
        int i = 0;
        while (i < input.Length)
        {
            byte b = input[i];
            if (b == (byte)'=' && i + 2 < input.Length && Utf8CodePoint.HexValue(input[i + 1]) is >= 0 and int high && Utf8CodePoint.HexValue(input[i + 2]) is >= 0 and int low)
            {
                output[w++] = (byte)(high << 4 | low);
                i += 3;
            }
            else if (b == (byte)'=' && SoftLineBreakEnd(input, i + 1) is > 0 and int next)
            {
                i = next;
            }
            else
            {
                output[w++] = b;
                i++;
            }
        }

        return w;
    }

    /// <summary>Where the text goes on when spaces and a line break follow <paramref name="at"/>; -1 when they do not.</summary>
    private static int SoftLineBreakEnd(ReadOnlySpan<byte> input, int at)
    {
        while (at < input.Length && input[at] is (byte)' ' or (byte)'\t')
        {
            at++;
        }

        if (at >= input.Length || input[at] is not ((byte)'\r' or (byte)'\n'))
        {
            return -1;
        }

        return input[at] == (byte)'\r' && at + 1 < input.Length && input[at + 1] == (byte)'\n' ? at + 2 : at + 1;
    }
}
