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
        EnsureHeaderTable();
        bool withCookie = includeCookie || _cookieLinesLength == 0; // without a Cookie header both blocks are equal
        int length = withCookie ? _headerLinesLength : _headerLinesLength - _cookieLinesLength;
        if (length == 0)
        {
            return;
        }

        if (withCookie && _rawHeaderLinesWritten)
        {
            list.Add(_rawHeaderLines);
            return;
        }

        IRequestView r = Request;
        var writer = new BoundedWriter(BeginArena(length));
        for (int i = 0; i < r.HeaderCount; i++)
        {
            if (withCookie || _headerKinds[i] != HeaderKind.Cookie)
            {
                writer.Write(r.HeaderName(i));
                writer.Write((byte)':', (byte)' ');
                writer.Write(r.HeaderValue(i));
                writer.Write((byte)'\r', (byte)'\n');
            }
        }

        var segment = new Segment(SegmentSource.Arena, _arena.Commit(writer.Written), writer.Written);
        if (withCookie)
        {
            _rawHeaderLines = segment;
            _rawHeaderLinesWritten = true;
        }

        list.Add(segment);
    }

    private void AddHeaderNames(SegmentList list)
    {
        IRequestView r = Request;
        if (r.HeaderCount == 0)
        {
            return;
        }

        EnsureHeaderTable();
        var writer = new BoundedWriter(BeginArena(_headerNamesLength + 4));
        writer.Write((byte)'\r', (byte)'\n');
        for (int i = 0; i < r.HeaderCount; i++)
        {
            writer.Write(r.HeaderName(i));
            writer.Write((byte)'\r', (byte)'\n');
        }

        writer.Write((byte)'\r', (byte)'\n');
        list.Add(new Segment(SegmentSource.Arena, _arena.Commit(writer.Written), writer.Written));
    }

    /// <summary>One value: the header's own bytes when it occurs once, else all occurrences joined into the arena.</summary>
    private void AddHeaderValue(SegmentList list, HeaderKind kind, ReadOnlySpan<byte> separator)
    {
        EnsureHeaderTable();
        IRequestView r = Request;
        int first = -1;
        int occurrences = 0;
        int length = 0;
        for (int i = 0; i < r.HeaderCount; i++)
        {
            if (_headerKinds[i] == kind)
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
            ReadOnlySpan<byte> value = r.HeaderValue(first);
            FlagNul(value);
            list.Add(new Segment(SegmentSource.HeaderValue, first, value.Length));
            return;
        }

        var writer = new BoundedWriter(BeginArena(length));
        for (int i = first, seen = 0; i < r.HeaderCount; i++)
        {
            if (_headerKinds[i] == kind)
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

    private void AddHost(SegmentList list)
    {
        ReadOnlySpan<byte> authority = UriParts.Authority(Request.Target);
        if (authority.IsEmpty)
        {
            int host = FindHeader(HeaderKind.Host);
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

    /// <summary>
    /// <c>http.host.raw</c>, as Suricata (libhtp) fills it: the host of an absolute-form target as sent (without the
    /// port), else every Host header value as sent, port included, joined with <c>, </c>.
    /// </summary>
    private void AddHostRaw(SegmentList list)
    {
        ReadOnlySpan<byte> target = Request.Target;
        ReadOnlySpan<byte> hostName = UriParts.HostWithoutPort(UriParts.Authority(target));
        if (hostName.IsEmpty)
        {
            AddHeaderValue(list, HeaderKind.Host, ", "u8);
            return;
        }

        target.Overlaps(hostName, out int offset); // the host is a slice of the target: served from it, not copied
        list.Add(new Segment(SegmentSource.Target, offset, hostName.Length));
    }

    /// <summary><c>http.start</c>: the request line, every header line (Cookie included) and the empty line that ends them.</summary>
    private void AddStart(SegmentList list)
    {
        var writer = new BoundedWriter(BeginArena(HeadLength));
        WriteHead(ref writer);
        list.Add(new Segment(SegmentSource.Arena, _arena.Commit(writer.Written), writer.Written));
    }

    /// <summary>The bytes <see cref="WriteHead"/> writes.</summary>
    private int HeadLength
    {
        get
        {
            EnsureHeaderTable();
            IRequestView r = Request;
            return r.Method.Length + r.Target.Length + r.Protocol.Length + 4 + _headerLinesLength + 2;
        }
    }

    /// <summary>The request head as received: request line, header lines, and the empty line (<c>http.start</c>, and the payload's start).</summary>
    private void WriteHead(ref BoundedWriter writer)
    {
        IRequestView r = Request;
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
    }

    /// <summary><c>http.request_header</c>: one value per header field, <c>Name: value</c> (a rule matches when one field does).</summary>
    private void AddRequestHeaders(SegmentList list)
    {
        IRequestView r = Request;
        for (int i = 0; i < r.HeaderCount; i++)
        {
            ReadOnlySpan<byte> name = r.HeaderName(i);
            ReadOnlySpan<byte> value = r.HeaderValue(i);
            var writer = new BoundedWriter(BeginArena(name.Length + 2 + value.Length));
            writer.Write(name);
            writer.Write((byte)':', (byte)' ');
            writer.Write(value);
            list.Add(new Segment(SegmentSource.Arena, _arena.Commit(writer.Written), writer.Written));
        }
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
        var writer = new BoundedWriter(BeginArena(HeadLength + r.Body.Length));
        WriteHead(ref writer);
        writer.Write(r.Body);
        list.Add(new Segment(SegmentSource.Arena, _arena.Commit(writer.Written), writer.Written));
    }
}
