namespace EastWestIds.Signatures.Decoding;

/// <summary>
/// Strips what SQL ignores so that <c>UN/**/ION SEL/**/ECT</c>, <c>union%0a%09select</c> and
/// <c>1 or 1=1-- -</c> look like the statements they are. For detectors and rules that already know they are in
/// SQL context (<c>detect_sqli</c>, a transform); applied to arbitrary text it would eat a <c>#</c> in
/// <c>color #fff</c>, which is why no buffer is normalized this way by default.
/// <list type="bullet">
/// <item><c>/* … */</c> becomes one space (an unterminated one runs to the end). MySQL's executable comments
/// <c>/*! … */</c> and <c>/*!50000 … */</c> keep their content, because MySQL runs it: only the markers go.</item>
/// <item><c>-- </c> (MySQL needs the space; other dialects do not, so any <c>--</c>) and <c>#</c> start a comment to the
/// end of the line, which becomes one space.</item>
/// <item>Runs of whitespace (space, tab, CR, LF, VT, FF and UTF-8 NBSP <c>C2 A0</c>; a lone 0xA0 is a UTF-8 continuation byte, so it is left alone) become one space; leading and
/// trailing whitespace is removed.</item>
/// </list>
/// Quotes are not tracked: a <c>--</c> inside a string literal is removed too. That is deliberate: in an injected
/// fragment the attacker's quote has usually just closed the application's string, so "inside a literal" cannot be
/// told from the fragment alone. Output never exceeds input; in place is safe.
/// </summary>
public static class SqlNormalizer
{
    /// <summary>Normalizes <paramref name="input"/> into <paramref name="output"/>; returns bytes written.</summary>
    public static int Normalize(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int w = 0;
        bool pendingSpace = false;
        int i = 0;
        while (i < input.Length)
        {
            byte b = input[i];
            int skip = WhitespaceLength(input, i);
            if (skip > 0)
            {
                pendingSpace = true;
                i += skip;
                continue;
            }

            if (b == (byte)'/' && i + 1 < input.Length && input[i + 1] == (byte)'*')
            {
                // An executable comment's content follows as ordinary text; its closing "*/" is dropped when met.
                i = SkipBlockComment(input, i);
                pendingSpace = true;
                continue;
            }

            if (b == (byte)'*' && i + 1 < input.Length && input[i + 1] == (byte)'/')
            {
                // the end of an executable comment whose content we kept (or a stray "*/"): drop it
                pendingSpace = true;
                i += 2;
                continue;
            }

            if (b == (byte)'#' || (b == (byte)'-' && i + 1 < input.Length && input[i + 1] == (byte)'-'))
            {
                int newline = input[i..].IndexOf((byte)'\n');
                i = newline < 0 ? input.Length : i + newline + 1;
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && w > 0)
            {
                output[w++] = (byte)' ';
            }

            pendingSpace = false;
            output[w++] = b;
            i++;
        }

        return w;
    }

    // Skips "/*...*/" and returns the index after it; for "/*!" or "/*!NNNNN" skips only the opening marker.
    private static int SkipBlockComment(ReadOnlySpan<byte> s, int at)
    {
        int i = at + 2;
        if (i < s.Length && s[i] == (byte)'!')
        {
            i++;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                i++;
            }

            return i;
        }

        int close = s[i..].IndexOf("*/"u8);
        return close < 0 ? s.Length : i + close + 2;
    }

    private static int WhitespaceLength(ReadOnlySpan<byte> s, int i) => s[i] switch
    {
        (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0x0B or 0x0C => 1,
        0xC2 when i + 1 < s.Length && s[i + 1] == 0xA0 => 2,
        _ => 0,
    };
}
