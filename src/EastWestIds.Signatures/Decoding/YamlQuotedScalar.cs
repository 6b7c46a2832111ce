using System.Text;

namespace EastWestIds.Signatures.Decoding;

/// <summary>
/// The content of a quoted YAML scalar (YAML 1.2, §7.3) as a YAML parser gives it to the application: in double quotes
/// the escapes decoded (<c>\"</c> <c>\\</c> <c>\/</c> <c>\0</c> <c>\a</c> <c>\b</c> <c>\t</c> <c>\n</c> <c>\v</c> <c>\f</c>
/// <c>\r</c> <c>\e</c> <c>\ </c> <c>\N</c> <c>\_</c> <c>\L</c> <c>\P</c> <c>\xXX</c> <c>\uXXXX</c> <c>\UXXXXXXXX</c>, an escaped line
/// break joining two lines), in single quotes <c>''</c> as one quote; in both, a line break and the indentation after
/// it folded to a space, or to line breaks where lines are blank. Why: <c>"\x27 OR 1=1--"</c> is a quote to the service.
/// An unknown escape is kept as written, as the tolerant readers of this assembly keep what they cannot decode.
/// </summary>
internal static class YamlQuotedScalar
{
    /// <summary>Decodes <paramref name="content"/> (between the quotes) into <paramref name="output"/>, which must be as long; the bytes written.</summary>
    public static int Decode(ReadOnlySpan<byte> content, Span<byte> output, bool doubleQuoted)
    {
        int w = 0;
        int i = 0;
        Span<byte> rune = stackalloc byte[4];
        while (i < content.Length && w < output.Length)
        {
            byte b = content[i];
            if (b is (byte)'\r' or (byte)'\n')
            {
                w = Fold(content, ref i, output, w);
                continue;
            }

            if (!doubleQuoted)
            {
                output[w++] = b;
                i += b == (byte)'\'' && i + 1 < content.Length && content[i + 1] == (byte)'\'' ? 2 : 1;
                continue;
            }

            if (b != (byte)'\\' || i + 1 >= content.Length)
            {
                output[w++] = b;
                i++;
                continue;
            }

            byte escaped = content[i + 1];
            if (escaped is (byte)'\r' or (byte)'\n')
            {
                i++;
                SkipBreakAndIndentation(content, ref i); // an escaped line break: the lines join with nothing between
                continue;
            }

            int hexDigits = escaped switch { (byte)'x' => 2, (byte)'u' => 4, (byte)'U' => 8, _ => 0 };
            if (hexDigits > 0)
            {
                if (content.Length - i - 2 >= hexDigits && TryHex(content.Slice(i + 2, hexDigits), out uint value) && Rune.IsValid(value))
                {
                    int n = new Rune(value).EncodeToUtf8(rune);
                    n = Math.Min(n, output.Length - w);
                    rune[..n].CopyTo(output[w..]);
                    w += n;
                    i += 2 + hexDigits;
                }
                else
                {
                    output[w++] = b;
                    i++;
                }

                continue;
            }

            ReadOnlySpan<byte> replacement = escaped switch
            {
                (byte)'0' => "\0"u8,
                (byte)'a' => "\a"u8,
                (byte)'b' => "\b"u8,
                (byte)'t' or (byte)'\t' => "\t"u8,
                (byte)'n' => "\n"u8,
                (byte)'v' => "\v"u8,
                (byte)'f' => "\f"u8,
                (byte)'r' => "\r"u8,
                (byte)'e' => "\e"u8,
                (byte)' ' => " "u8,
                (byte)'"' => "\""u8,
                (byte)'/' => "/"u8,
                (byte)'\\' => "\\"u8,
                (byte)'N' => "\u0085"u8,
                (byte)'_' => "\u00A0"u8,
                (byte)'L' => "\u2028"u8,
                (byte)'P' => "\u2029"u8,
                _ => default,
            };
            if (replacement.IsEmpty || replacement.Length > output.Length - w)
            {
                output[w++] = b; // unknown: kept as written
                i++;
                continue;
            }

            replacement.CopyTo(output[w..]);
            w += replacement.Length;
            i += 2;
        }

        return w;
    }

    // A line break inside a quoted scalar: the spaces before it dropped, the break and the next line's indentation
    // read as one space, or as a line break per blank line.
    private static int Fold(ReadOnlySpan<byte> content, ref int i, Span<byte> output, int w)
    {
        while (w > 0 && output[w - 1] is (byte)' ' or (byte)'\t')
        {
            w--;
        }

        int breaks = 0;
        while (i < content.Length && content[i] is (byte)'\r' or (byte)'\n')
        {
            SkipBreakAndIndentation(content, ref i);
            breaks++;
        }

        if (breaks == 1)
        {
            output[w++] = (byte)' ';
        }
        else
        {
            for (int k = 1; k < breaks && w < output.Length; k++)
            {
                output[w++] = (byte)'\n';
            }
        }

        return w;
    }

    private static void SkipBreakAndIndentation(ReadOnlySpan<byte> content, ref int i)
    {
        i += content[i..].StartsWith("\r\n"u8) ? 2 : 1;
        while (i < content.Length && content[i] is (byte)' ' or (byte)'\t')
        {
            i++;
        }
    }

    private static bool TryHex(ReadOnlySpan<byte> digits, out uint value) =>
        uint.TryParse(digits, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out value);
}
