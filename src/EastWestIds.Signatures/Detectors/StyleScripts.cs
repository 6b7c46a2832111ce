namespace EastWestIds.Signatures.Detectors;

/// <summary>
/// Recognises CSS that runs script: IE <c>expression()</c> and <c>behavior</c>, Mozilla <c>-moz-binding</c>, and
/// script URLs inside <c>url()</c>. CSS is normalized first the way its parser reads it — comments removed,
/// whitespace dropped, escapes (<c>\65</c>, <c>\e</c>) and character references decoded, case folded — so
/// <c>ex/**/pression(</c> and <c>\65xpression(</c> are found. The text is processed in fixed chunks on the stack,
/// so any length is inspected in linear time without allocating.
/// </summary>
internal static class StyleScripts
{
    private const int ChunkSize = 256;
    private const int Overlap = 16; // longer than every marker, so one split across chunks is still seen

    private static readonly string[] s_markers = ["expression(", "javascript:", "vbscript:", "behavior:", "behaviour:", "-moz-binding", "url(javascript", "url(vbscript", "@import"];

    // markers that prose never contains, so a whole value can be checked for them outside any style context
    private static readonly string[] s_proseSafeMarkers = ["url(javascript", "url(vbscript", "-moz-binding"];

    /// <summary>The marker found in <paramref name="css"/>, or null.</summary>
    public static string? Find(ReadOnlySpan<byte> css) => Find(css, s_markers);

    /// <summary>The marker found in a value that is not known to be CSS (only markers no prose contains), or null.</summary>
    public static string? FindOutsideStyle(ReadOnlySpan<byte> text) =>
        // every marker here has a '(' or a '-' even after CSS unescaping; most prose can skip the normalizing pass
        text.IndexOfAny((byte)'(', (byte)'-') >= 0 ? Find(text, s_proseSafeMarkers) : null;

    private static string? Find(ReadOnlySpan<byte> css, string[] markers)
    {
        Span<byte> chunk = stackalloc byte[ChunkSize];
        int length = 0;
        int i = 0;
        while (i < css.Length)
        {
            byte b = css[i];
            if (b == (byte)'/' && i + 1 < css.Length && css[i + 1] == (byte)'*')
            {
                int close = css[(i + 2)..].IndexOf("*/"u8);
                i = close < 0 ? css.Length : i + 2 + close + 2;
                continue;
            }

            int c;
            if (b == (byte)'\\')
            {
                c = Escape(css, ref i);
            }
            else if (b == (byte)'&')
            {
                // a reference inside a style attribute is decoded by the HTML parser before CSS sees it
                var reader = new HtmlCharReader(css[i..]);
                c = reader.NextVisible();
                i += ReferenceLength(css[i..]);
            }
            else
            {
                c = b is >= (byte)'A' and <= (byte)'Z' ? b | 0x20 : b;
                i++;
            }

            if (c is <= 0x20 or > 0x7E)
            {
                continue;
            }

            chunk[length++] = (byte)c;
            if (length == ChunkSize)
            {
                if (Search(chunk, markers) is string found)
                {
                    return found;
                }

                chunk[^Overlap..].CopyTo(chunk);
                length = Overlap;
            }
        }

        return Search(chunk[..length], markers);
    }

    private static string? Search(ReadOnlySpan<byte> normalized, string[] markers)
    {
        foreach (var marker in markers)
        {
            if (IndexOfAscii(normalized, marker) >= 0)
            {
                return marker;
            }
        }

        return null;
    }

    private static int IndexOfAscii(ReadOnlySpan<byte> text, string marker)
    {
        Span<byte> bytes = stackalloc byte[Overlap];
        for (int i = 0; i < marker.Length; i++)
        {
            bytes[i] = (byte)marker[i];
        }

        return text.IndexOf(bytes[..marker.Length]);
    }

    private static int Escape(ReadOnlySpan<byte> css, ref int i)
    {
        i++; // the backslash
        int value = 0;
        int digits = 0;
        while (i < css.Length && digits < 6 && IsHex(css[i]))
        {
            value = (value * 16) + Hex(css[i]);
            digits++;
            i++;
        }

        if (digits == 0)
        {
            if (i >= css.Length)
            {
                return ' ';
            }

            byte literal = css[i++];
            return literal is >= (byte)'A' and <= (byte)'Z' ? literal | 0x20 : literal;
        }

        if (i < css.Length && css[i] is (byte)' ' or (byte)'\t' or (byte)'\n')
        {
            i++; // one whitespace ends a hex escape
        }

        return value is >= 'A' and <= 'Z' ? value | 0x20 : value;
    }

    private static int ReferenceLength(ReadOnlySpan<byte> text)
    {
        int semicolon = text[..Math.Min(text.Length, 12)].IndexOf((byte)';');
        return semicolon > 0 ? semicolon + 1 : 1;
    }

    private static bool IsHex(byte b) => (uint)(b - '0') <= 9 || (uint)((b | 0x20) - 'a') <= 5;

    private static int Hex(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
