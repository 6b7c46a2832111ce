namespace EastWestIds.Signatures.Decoding;

/// <summary>
/// Normalizes a decoded URI path the way libhtp (Suricata's HTTP parser) does for <c>http.uri</c>: backslashes
/// become slashes (IIS and Windows backends treat them alike, so <c>..\..\</c> is a traversal), runs of slashes
/// collapse to one, and dot segments are removed per RFC 3986 §5.2.4 (<c>/a/./b</c> → <c>/a/b</c>,
/// <c>/a/b/../c</c> → <c>/a/c</c>; a <c>..</c> above the root is dropped, as a server resolving the path would).
/// Case is kept. So <c>/static/..%2f..%2fetc/passwd</c>, once percent-decoded, is inspected as <c>/etc/passwd</c>:
/// rules for traversal look for the target (<c>/etc/passwd</c>, <c>/proc/self/environ</c>) in <c>http.uri</c> or for the
/// <c>../</c> itself in <c>http.uri.raw</c> with <c>url_decode</c>, exactly as with Suricata.
/// Works in place; output never exceeds input.
/// </summary>
public static class PathNormalizer
{
    /// <summary>Normalizes <paramref name="path"/> in place; returns its new length.</summary>
    public static int Normalize(Span<byte> path)
    {
        // Pass 1: '\' to '/', collapse '//' (so segment logic below sees single separators).
        int w = 0;
        for (int i = 0; i < path.Length; i++)
        {
            byte b = path[i] == (byte)'\\' ? (byte)'/' : path[i];
            if (b == (byte)'/' && w > 0 && path[w - 1] == (byte)'/')
            {
                continue;
            }

            path[w++] = b;
        }

        // Pass 2: remove dot segments. The output, path[0..o], is "/seg/seg" (or "seg/seg" for a relative path)
        // without trailing slash; it never overtakes the read position because every segment read was preceded
        // by the slash that the output writes before it.
        bool absolute = w > 0 && path[0] == (byte)'/';
        int r = absolute ? 1 : 0;
        int o = 0;
        bool trailingSlash = false;
        while (r <= w)
        {
            int end = r < w ? path[r..w].IndexOf((byte)'/') : -1;
            int segEnd = end < 0 ? w : r + end;
            bool last = end < 0;
            int segLength = segEnd - r;
            bool dot = segLength == 1 && path[r] == (byte)'.';
            bool dotDot = segLength == 2 && path[r] == (byte)'.' && path[r + 1] == (byte)'.';

            if (dotDot)
            {
                int slash = path[..o].LastIndexOf((byte)'/');
                o = slash < 0 ? 0 : slash;
            }
            else if (!dot && segLength > 0)
            {
                if (o > 0 || absolute)
                {
                    path[o++] = (byte)'/';
                }

                path[r..segEnd].CopyTo(path[o..]);
                o += segLength;
            }

            trailingSlash = last && (dot || dotDot || segLength == 0);
            r = segEnd + 1;
        }

        if ((trailingSlash || o == 0) && absolute)
        {
            path[o++] = (byte)'/';
        }
        else if (trailingSlash && o > 0)
        {
            path[o++] = (byte)'/';
        }

        return o;
    }
}
