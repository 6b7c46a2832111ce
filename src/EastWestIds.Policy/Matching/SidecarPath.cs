namespace EastWestIds.Policy.Matching;

/// <summary>
/// The path as the enforcing sidecar judges it under Istio's default normalization (<c>BASE</c>, Envoy's
/// <c>normalize_path</c>, MESH-SEMANTICS §3.6): escapes of unreserved characters decoded (<c>%2D %2E %30-%39 %41-%5A
/// %5F %61-%7A %7E</c>, either case), <c>\</c> read as <c>/</c>, and dot segments removed per RFC 3986 §5.2.4; runs of
/// slashes kept, <c>%2F</c> and <c>%5C</c> kept, the query and fragment untouched. A mirrored request arrives so
/// normalized by the caller's sidecar; a recorded one (<c>ewids scan</c>, <c>ewids policy check</c>) may be raw, and
/// <c>/public/%2E%2E/private</c> is <c>/private</c> to the policy. One pass, left to right: <c>%5%41</c> becomes
/// <c>%5A</c> and stays so.
/// </summary>
public static class SidecarPath
{
    /// <summary>True when <paramref name="path"/> has something <see cref="Normalize"/> would change (an escape, a backslash, a dot segment).</summary>
    public static bool MayChange(ReadOnlySpan<byte> path)
    {
        var part = PathValue.WithoutQuery(path);
        return part.IndexOfAny((byte)'%', (byte)'\\') >= 0 || part.IndexOf("/."u8) >= 0;
    }

    /// <summary>Writes the normalized <paramref name="path"/> into <paramref name="output"/> (at least as long; may be the same memory); returns bytes written.</summary>
    public static int Normalize(ReadOnlySpan<byte> path, Span<byte> output)
    {
        int partLength = PathValue.WithoutQuery(path).Length;
        var rest = path[partLength..];
        int w = 0;
        for (int i = 0; i < partLength; i++)
        {
            byte b = path[i];
            if (b == (byte)'%' && i + 2 < partLength && Unreserved(path[i + 1], path[i + 2]) is var decoded and not 0)
            {
                output[w++] = decoded;
                i += 2;
                continue;
            }

            output[w++] = b == (byte)'\\' ? (byte)'/' : b;
        }

        w = w > 0 && output[0] == (byte)'/' ? RemoveDotSegments(output[..w]) : w;
        rest.CopyTo(output[w..]);
        return w + rest.Length;
    }

    /// <summary>RFC 3986 §5.2.4 in place on an absolute path; empty segments stay. Returns the new length.</summary>
    private static int RemoveDotSegments(Span<byte> path)
    {
        int length = path.Length;
        int w = 0;
        for (int i = 0; i < length;)
        {
            int start = i + 1;
            int next = path[start..length].IndexOf((byte)'/');
            int end = next < 0 ? length : start + next;
            var segment = path[start..end];
            bool last = end == length;
            if (segment.Length == 1 && segment[0] == (byte)'.')
            {
                if (last)
                {
                    path[w++] = (byte)'/';
                }
            }
            else if (segment.Length == 2 && segment[0] == (byte)'.' && segment[1] == (byte)'.')
            {
                w = Math.Max(0, path[..w].LastIndexOf((byte)'/'));
                if (last)
                {
                    path[w++] = (byte)'/';
                }
            }
            else
            {
                // the output never overtakes the input: every segment read was preceded by the slash written before it
                path[w++] = (byte)'/';
                path[start..end].CopyTo(path[w..]);
                w += end - start;
            }

            i = end;
        }

        return w;
    }

    /// <summary>The unreserved character <c>%</c><paramref name="high"/><paramref name="low"/> escapes, or 0 (not hex, or reserved: kept as sent).</summary>
    private static byte Unreserved(byte high, byte low)
    {
        int h = HexValue(high), l = HexValue(low);
        if (h < 0 || l < 0)
        {
            return 0;
        }

        byte c = (byte)((h << 4) | l);
        return c is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~' or >= (byte)'0' and <= (byte)'9' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z'
            ? c
            : (byte)0;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
