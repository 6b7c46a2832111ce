namespace EastWestIds.Signatures.Decoding;

/// <summary>
/// What Istio's default path normalization (<c>BASE</c>) leaves in a path and many servers read as separators: runs
/// of slashes, which Tomcat's <c>CoyoteAdapter</c> (<c>COLLAPSE_ADJACENT_SLASHES</c>) and nginx (<c>merge_slashes</c>)
/// merge, and <c>%2F</c> / <c>%5C</c>, which WSGI servers decode into <c>PATH_INFO</c> (gunicorn's
/// <c>unquote_to_wsgi_str</c>) and Tomcat with <c>encodedSolidusHandling="decode"</c> decodes. An AuthorizationPolicy
/// matches the path as sent, so <c>//admin</c> and <c>/admin%2Fkeys</c> escape a DENY on <c>/admin*</c> while such a
/// server serves <c>/admin</c> (CVE-2021-31920). A mesh set to <c>MERGE_SLASHES</c> or <c>DECODE_AND_MERGE_SLASHES</c>
/// normalizes them away before the policy and the mirror, so its mirrored paths never carry them.
/// </summary>
public static class PathSlashes
{
    /// <summary>True when the raw <paramref name="path"/> (without its query) has a run of slashes, a backslash, or an escaped slash or backslash.</summary>
    public static bool Present(ReadOnlySpan<byte> path)
    {
        if (path.IndexOf("//"u8) >= 0 || path.IndexOf((byte)'\\') >= 0)
        {
            return true;
        }

        for (int at = path.IndexOf((byte)'%'); at >= 0 && at + 2 < path.Length; at = NextEscape(path, at))
        {
            if (EscapedSlash(path, at) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Writes <paramref name="path"/> into <paramref name="output"/> (at least as long; may be the same memory) with
    /// <c>%2F</c> decoded to <c>/</c> and <c>%5C</c> to <c>\</c>, any case, every other escape kept; returns bytes written.
    /// </summary>
    public static int DecodeEscapedSlashes(ReadOnlySpan<byte> path, Span<byte> output)
    {
        int w = 0;
        for (int i = 0; i < path.Length; i++)
        {
            byte b = path[i];
            if (b == (byte)'%' && i + 2 < path.Length && EscapedSlash(path, i) is var slash and not 0)
            {
                output[w++] = slash;
                i += 2;
                continue;
            }

            output[w++] = b;
        }

        return w;
    }

    /// <summary>True when a segment of <paramref name="path"/> (split at <c>/</c> and <c>\</c>) is <c>..</c>: the path climbs once its dot segments are resolved.</summary>
    public static bool HasDotDotSegment(ReadOnlySpan<byte> path)
    {
        int start = 0;
        for (int i = 0; i <= path.Length; i++)
        {
            if (i == path.Length || path[i] is (byte)'/' or (byte)'\\')
            {
                if (i - start == 2 && path[start] == (byte)'.' && path[start + 1] == (byte)'.')
                {
                    return true;
                }

                start = i + 1;
            }
        }

        return false;
    }

    private static int NextEscape(ReadOnlySpan<byte> path, int at)
    {
        int next = path[(at + 1)..].IndexOf((byte)'%');
        return next < 0 ? -1 : at + 1 + next;
    }

    /// <summary>The separator <paramref name="path"/>[<paramref name="at"/>..+3] escapes (<c>%2F</c> or <c>%5C</c>, any case), or 0.</summary>
    private static byte EscapedSlash(ReadOnlySpan<byte> path, int at) => (path[at + 1], path[at + 2] | 0x20) switch
    {
        ((byte)'2', 'f') => (byte)'/',
        ((byte)'5', 'c') => (byte)'\\',
        _ => 0,
    };
}
