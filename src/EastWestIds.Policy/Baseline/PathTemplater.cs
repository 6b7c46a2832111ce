namespace EastWestIds.Policy.Baseline;

/// <summary>
/// Folds the variable parts of a request path into <c>{*}</c>, so that <c>/reviews/0</c> and <c>/reviews/7</c> are one
/// baseline edge, <c>/reviews/{*}</c> (issue 4 "Learned baseline").
/// </summary>
/// <remarks>
/// <para>
/// Works on the request's bytes and writes into a caller's buffer: no allocation, ever. The query and fragment are
/// dropped (Istio's <c>paths</c> never sees them). A segment is folded when it is
/// all digits (<c>42</c>), a UUID (<c>8-4-4-4-12</c> hex), hex of 8 or more with a digit (hashes, object ids), has a
/// run of 4 or more digits (<c>order-10023</c>, <c>img_20240101.png</c>), or is a token of 20 or more base64/base64url
/// characters with both a letter and a digit (API keys, JWT parts).
/// </para>
/// <para>
/// A folded segment must be something Istio's <c>{*}</c> matches (<c>[a-zA-Z0-9-._~%!$&amp;'()+,;:@]+</c>,
/// MESH-SEMANTICS §3.4); otherwise the suggested policy would not allow the very calls it was learned from. A segment
/// with other bytes (<c>=</c> padding, raw non-ASCII) is therefore kept literally. Words never fold: <c>/api/v1/items</c>
/// stays as it is, so a caller who walks new words through a path makes new edges — that is what a baseline should see.
/// </para>
/// <para>
/// Templates are bounded: past <see cref="MaxTemplateBytes"/> the remaining segments become one <c>{**}</c> (Istio's
/// "zero or more segments", allowed as the last operator), so an attacker's long path cannot make a long key.
/// </para>
/// </remarks>
public static class PathTemplater
{
    /// <summary>Longest template written; longer paths end in <c>/{**}</c>.</summary>
    public const int MaxTemplateBytes = 256;

    /// <summary>What a folded segment becomes.</summary>
    public static ReadOnlySpan<byte> Any => "{*}"u8;

    private static ReadOnlySpan<byte> Rest => "{**}"u8;

    // One table lookup per byte classifies a segment in a single pass (cheaper than several vector scans over the
    // short segments paths are made of).
    private const byte Digit = 1;
    private const byte Hex = 2;
    private const byte Letter = 4;
    private const byte IstioSegment = 8;
    private const byte Token = 16;

    private static readonly byte[] s_classes = BuildClasses();

    /// <summary>
    /// Writes the template of <paramref name="path"/> into <paramref name="destination"/> (at least
    /// <see cref="MaxTemplateBytes"/> long). False when the path is not origin-form (does not start with <c>/</c>).
    /// </summary>
    public static bool TryTemplate(ReadOnlySpan<byte> path, Span<byte> destination, out int written)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, MaxTemplateBytes);
        written = 0;
        var cut = path.IndexOfAny((byte)'?', (byte)'#');
        if (cut >= 0)
        {
            path = path[..cut];
        }

        if (path.IsEmpty || path[0] != (byte)'/')
        {
            return false;
        }

        var rest = path[1..];
        while (true)
        {
            var slash = rest.IndexOf((byte)'/');
            var segment = slash < 0 ? rest : rest[..slash];
            var piece = ShouldFold(segment) ? Any : segment;

            // '/' + piece must fit, and leave room for a final "/{**}" if more follows.
            var room = MaxTemplateBytes - written - 1 - (slash < 0 ? 0 : 1 + Rest.Length);
            if (piece.Length > room)
            {
                destination[written++] = (byte)'/';
                Rest.CopyTo(destination[written..]);
                written += Rest.Length;
                return true;
            }

            destination[written++] = (byte)'/';
            piece.CopyTo(destination[written..]);
            written += piece.Length;
            if (slash < 0)
            {
                return true;
            }

            rest = rest[(slash + 1)..];
        }
    }

    /// <summary>True when <paramref name="segment"/> looks like an identifier rather than a name (see the remarks).</summary>
    public static bool ShouldFold(ReadOnlySpan<byte> segment)
    {
        if (segment.IsEmpty)
        {
            return false;
        }

        var classes = s_classes;
        int all = 0xFF, any = 0, run = 0, longestRun = 0;
        foreach (var b in segment)
        {
            int c = classes[b];
            all &= c;
            any |= c;
            run = (c & Digit) != 0 ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
        }

        if ((all & IstioSegment) == 0 || (any & Digit) == 0)
        {
            return false; // not something {*} matches, or no digit: words stay words
        }

        return (all & Digit) != 0
            || IsUuid(segment)
            || (segment.Length >= 8 && (all & Hex) != 0)
            || longestRun >= 4
            || (segment.Length >= 20 && (all & Token) != 0 && (any & Letter) != 0);
    }

    private static bool IsUuid(ReadOnlySpan<byte> s)
    {
        if (s.Length != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            if (i is not (8 or 13 or 18 or 23) && (s_classes[s[i]] & Hex) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] BuildClasses()
    {
        var classes = new byte[256];
        foreach (var b in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~%!$&'()+,;:@"u8)
        {
            classes[b] |= IstioSegment;
        }

        foreach (var b in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_+."u8)
        {
            classes[b] |= Token;
        }

        for (var b = '0'; b <= '9'; b++)
        {
            classes[b] |= Digit | Hex;
        }

        for (var b = 'a'; b <= 'z'; b++)
        {
            classes[b] |= Letter;
            classes[b - 32] |= Letter;
        }

        foreach (var b in "abcdefABCDEF"u8)
        {
            classes[b] |= Hex;
        }

        return classes;
    }
}
