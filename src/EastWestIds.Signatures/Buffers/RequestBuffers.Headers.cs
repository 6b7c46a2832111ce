using System.Text;

namespace EastWestIds.Signatures.Buffers;

/// <summary>The buffers built from the request line and header fields.</summary>
public sealed partial class RequestBuffers
{
    private void AddRequestLine(SegmentList list)
    {
        IRequestView r = Request;
        Span<byte> space = BeginArena(r.Method.Length + 1 + r.Target.Length + 1 + r.Protocol.Length);
        var writer = new BoundedWriter(space);
        writer.Write(r.Method);
        writer.Write(" "u8);
        writer.Write(r.Target);
        writer.Write(" "u8);
        writer.Write(r.Protocol);
        list.Add(new Segment(SegmentSource.Arena, _arena.Commit(writer.Written), writer.Written));
    }

    private void AddHeaderLines(SegmentList list, bool includeCookie)
    {
        IRequestView r = Request;
        int length = 0;
        for (int i = 0; i < r.HeaderCount; i++)
        {
            if (includeCookie || !IsCookie(r.HeaderName(i)))
            {
                length += r.HeaderName(i).Length + 2 + r.HeaderValue(i).Length + 2;
            }
        }

        if (length == 0)
        {
            return;
        }

        var writer = new BoundedWriter(BeginArena(length));
        for (int i = 0; i < r.HeaderCount; i++)
        {
            if (includeCookie || !IsCookie(r.HeaderName(i)))
            {
                writer.Write(r.HeaderName(i));
                writer.Write(": "u8);
                writer.Write(r.HeaderValue(i));
                writer.Write("\r\n"u8);
            }
        }

        list.Add(new Segment(SegmentSource.Arena, _arena.Commit(writer.Written), writer.Written));
    }

    private void AddHeaderNames(SegmentList list)
    {
        IRequestView r = Request;
        if (r.HeaderCount == 0)
        {
            return;
        }

        int length = 4;
        for (int i = 0; i < r.HeaderCount; i++)
        {
            length += r.HeaderName(i).Length + 2;
        }

        var writer = new BoundedWriter(BeginArena(length));
        writer.Write("\r\n"u8);
        for (int i = 0; i < r.HeaderCount; i++)
        {
            writer.Write(r.HeaderName(i));
            writer.Write("\r\n"u8);
        }

        writer.Write("\r\n"u8);
        list.Add(new Segment(SegmentSource.Arena, _arena.Commit(writer.Written), writer.Written));
    }

    /// <summary>One value: the header's own bytes when it occurs once, else all occurrences joined into the arena.</summary>
    private void AddHeaderValue(SegmentList list, ReadOnlySpan<byte> name, ReadOnlySpan<byte> separator)
    {
        IRequestView r = Request;
        int first = -1;
        int occurrences = 0;
        int length = 0;
        for (int i = 0; i < r.HeaderCount; i++)
        {
            if (Ascii.EqualsIgnoreCase(r.HeaderName(i), name))
            {
                first = first < 0 ? i : first;
                length += (occurrences++ > 0 ? separator.Length : 0) + r.HeaderValue(i).Length;
            }
        }

        if (occurrences == 0)
        {
            return;
        }

        if (occurrences == 1)
        {
            FlagNul(r.HeaderValue(first));
            list.Add(new Segment(SegmentSource.HeaderValue, first, r.HeaderValue(first).Length));
            return;
        }

        var writer = new BoundedWriter(BeginArena(length));
        for (int i = first, seen = 0; i < r.HeaderCount; i++)
        {
            if (Ascii.EqualsIgnoreCase(r.HeaderName(i), name))
            {
                if (seen++ > 0)
                {
                    writer.Write(separator);
                }

                writer.Write(r.HeaderValue(i));
            }
        }

        int start = _arena.Commit(writer.Written);
        FlagNul(_arena.Slice(start, writer.Written));
        list.Add(new Segment(SegmentSource.Arena, start, writer.Written));
    }

    /// <summary>Index of the first header called <paramref name="name"/>, or -1.</summary>
    private int FindHeader(ReadOnlySpan<byte> name)
    {
        IRequestView r = Request;
        for (int i = 0; i < r.HeaderCount; i++)
        {
            if (Ascii.EqualsIgnoreCase(r.HeaderName(i), name))
            {
                return i;
            }
        }

        return -1;
    }

    private void AddHost(SegmentList list)
    {
        ReadOnlySpan<byte> authority = UriParts.Authority(Request.Target);
        if (authority.IsEmpty)
        {
            int host = FindHeader("Host"u8);
            authority = host < 0 ? default : Request.HeaderValue(host);
        }

        ReadOnlySpan<byte> hostName = UriParts.HostWithoutPort(authority);
        if (hostName.IsEmpty)
        {
            return;
        }

        Span<byte> space = BeginArena(hostName.Length);
        int written = Ascii.ToLower(hostName[..space.Length], space, out int n) == System.Buffers.OperationStatus.Done ? n : CopyLower(hostName[..space.Length], space);
        list.Add(new Segment(SegmentSource.Arena, _arena.Commit(written), written));
    }

    // Ascii.ToLower refuses non-ASCII bytes; a host with them is still inspected, with only ASCII letters lowered.
    private static int CopyLower(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        for (int i = 0; i < source.Length; i++)
        {
            byte b = source[i];
            destination[i] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
        }

        return source.Length;
    }

    private void AddPayload(SegmentList list)
    {
        IRequestView r = Request;
        int length = r.Method.Length + r.Target.Length + r.Protocol.Length + 4 + 2 + r.Body.Length;
        for (int i = 0; i < r.HeaderCount; i++)
        {
            length += r.HeaderName(i).Length + 2 + r.HeaderValue(i).Length + 2;
        }

        var writer = new BoundedWriter(BeginArena(length));
        writer.Write(r.Method);
        writer.Write(" "u8);
        writer.Write(r.Target);
        writer.Write(" "u8);
        writer.Write(r.Protocol);
        writer.Write("\r\n"u8);
        for (int i = 0; i < r.HeaderCount; i++)
        {
            writer.Write(r.HeaderName(i));
            writer.Write(": "u8);
            writer.Write(r.HeaderValue(i));
            writer.Write("\r\n"u8);
        }

        writer.Write("\r\n"u8);
        writer.Write(r.Body);
        list.Add(new Segment(SegmentSource.Arena, _arena.Commit(writer.Written), writer.Written));
    }

    private static bool IsCookie(ReadOnlySpan<byte> name) => Ascii.EqualsIgnoreCase(name, "Cookie"u8);
}
