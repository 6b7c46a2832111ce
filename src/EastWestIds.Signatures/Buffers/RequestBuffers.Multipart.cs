using System.Text;
using EastWestIds.Signatures.Decoding;
using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// <c>multipart/form-data</c> (RFC 7578, framing per RFC 2046 §5.1.1) parsed for arguments and uploads. Tolerant the
/// way servers are: LF as well as CRLF line ends, a quoted or bare boundary, a preamble before the first delimiter.
/// Flags <see cref="DecodingAnomalies.MalformedMultipart"/> for a missing boundary parameter, no delimiter at all, a
/// missing close delimiter (unless the body was truncated), or more parts than the budget; parts seen before the
/// problem are kept, the last unterminated part running to the end of the body.
/// </summary>
public sealed partial class RequestBuffers
{
    private void ParseMultipart(ReadOnlySpan<byte> body, ReadOnlySpan<byte> contentType)
    {
        ReadOnlySpan<byte> boundary = TryHeaderParameter(contentType, "boundary"u8, out int offset, out int length)
            ? contentType.Slice(offset, length)
            : default;
        if (boundary.IsEmpty)
        {
            _anomalies |= DecodingAnomalies.MalformedMultipart;
            return;
        }

        int delimiter = FindDelimiter(body, 0, boundary);
        if (delimiter < 0)
        {
            _anomalies |= DecodingAnomalies.MalformedMultipart;
            return;
        }

        for (int parts = 0; ; parts++)
        {
            int after = delimiter + 2 + boundary.Length;
            if (body[after..].StartsWith("--"u8))
            {
                return; // close delimiter
            }

            if (parts == _limits.MaxMultipartParts)
            {
                _anomalies |= DecodingAnomalies.MalformedMultipart;
                return;
            }

            int lineEnd = body[after..].IndexOf((byte)'\n');
            if (lineEnd < 0)
            {
                FlagUnclosed();
                return;
            }

            int headersStart = after + lineEnd + 1;
            int contentStart = SkipPartHeaders(body, headersStart, out int nameStart, out int nameLength, out int fileStart, out int fileLength);
            int next = contentStart < 0 ? -1 : FindDelimiter(body, contentStart, boundary);
            if (contentStart < 0)
            {
                FlagUnclosed();
                return;
            }

            int contentEnd = next < 0 ? body.Length : LineStartBefore(body, next, contentStart);
            if (!AddPart(body, nameStart, nameLength, fileStart, fileLength, contentStart, contentEnd - contentStart))
            {
                return;
            }

            if (next < 0)
            {
                FlagUnclosed();
                return;
            }

            delimiter = next;
        }
    }

    private void FlagUnclosed()
    {
        if (!Request.BodyTruncated)
        {
            _anomalies |= DecodingAnomalies.MalformedMultipart;
        }
    }

    private bool AddPart(ReadOnlySpan<byte> body, int nameStart, int nameLength, int fileStart, int fileLength, int contentStart, int contentLength)
    {
        if (fileStart >= 0)
        {
            return AddValue(_lists[(int)InspectionBuffer.FileName], SegmentSource.DecodedBody, body, fileStart, fileLength, ValueDecoding.None)
                && AddValue(_lists[(int)InspectionBuffer.FileData], SegmentSource.DecodedBody, body, contentStart, contentLength, ValueDecoding.None);
        }

        return AddValue(ArgNames, SegmentSource.DecodedBody, body, Math.Max(nameStart, 0), Math.Max(nameLength, 0), ValueDecoding.None)
            && AddValue(Args, SegmentSource.DecodedBody, body, contentStart, contentLength, ValueDecoding.None);
    }

    /// <summary>
    /// Reads a part's header lines up to the empty line; returns where the content starts (-1 if the headers never
    /// end). Finds the Content-Disposition <c>name</c> and <c>filename</c> (offsets into the body; -1 when absent).
    /// </summary>
    private static int SkipPartHeaders(ReadOnlySpan<byte> body, int at, out int nameStart, out int nameLength, out int fileStart, out int fileLength)
    {
        nameStart = fileStart = -1;
        nameLength = fileLength = 0;
        int i = at;
        while (i < body.Length)
        {
            int nl = body[i..].IndexOf((byte)'\n');
            if (nl < 0)
            {
                return -1;
            }

            ReadOnlySpan<byte> line = body.Slice(i, nl).TrimEnd((byte)'\r');
            if (line.IsEmpty)
            {
                return i + nl + 1;
            }

            int colon = line.IndexOf((byte)':');
            if (colon > 0 && Ascii.EqualsIgnoreCase(line[..colon].Trim(" \t"u8), "Content-Disposition"u8))
            {
                ReadOnlySpan<byte> value = line[(colon + 1)..];
                int valueOffset = i + colon + 1;
                if (TryHeaderParameter(value, "name"u8, out int offset, out int length))
                {
                    (nameStart, nameLength) = (valueOffset + offset, length);
                }

                if (TryHeaderParameter(value, "filename"u8, out offset, out length) || TryHeaderParameter(value, "filename*"u8, out offset, out length))
                {
                    (fileStart, fileLength) = (valueOffset + offset, length);
                }
            }

            i += nl + 1;
        }

        return -1;
    }

    /// <summary>
    /// The value of parameter <paramref name="name"/> (case-insensitive) in a header value like
    /// <c>form-data; name="a"; filename=b.txt</c>: the bytes between the quotes (no unescaping: browsers
    /// percent-encode quotes, and a backslash is more often a Windows path than an escape) or the bare token.
    /// Its position in <paramref name="value"/>; false when absent.
    /// </summary>
    private static bool TryHeaderParameter(ReadOnlySpan<byte> value, ReadOnlySpan<byte> name, out int offset, out int length)
    {
        offset = length = 0;
        int i = 0;
        while (i < value.Length)
        {
            int semicolon = value[i..].IndexOf((byte)';');
            if (semicolon < 0)
            {
                return false;
            }

            i += semicolon + 1;
            ReadOnlySpan<byte> rest = value[i..];
            int lead = rest.IndexOfAnyExcept(" \t"u8);
            if (lead < 0)
            {
                return false;
            }

            int p = i + lead;
            int eq = value[p..].IndexOf((byte)'=');
            if (eq < 0)
            {
                return false;
            }

            if (!Ascii.EqualsIgnoreCase(value.Slice(p, eq).TrimEnd(" \t"u8), name))
            {
                continue;
            }

            int v = p + eq + 1;
            while (v < value.Length && value[v] is (byte)' ' or (byte)'\t')
            {
                v++;
            }

            if (v < value.Length && value[v] == (byte)'"')
            {
                int close = value[(v + 1)..].IndexOf((byte)'"');
                (offset, length) = (v + 1, close < 0 ? value.Length - v - 1 : close);
                return true;
            }

            int end = value[v..].IndexOf((byte)';');
            (offset, length) = (v, (end < 0 ? value[v..] : value.Slice(v, end)).TrimEnd(" \t"u8).Length);
            return true;
        }

        return false;
    }

    // Index of "--boundary" at the start of a line, from 'from' on; -1 when there is none.
    private static int FindDelimiter(ReadOnlySpan<byte> body, int from, ReadOnlySpan<byte> boundary)
    {
        int i = from;
        while (i < body.Length)
        {
            int k = body[i..].IndexOf(boundary);
            if (k < 0)
            {
                return -1;
            }

            int at = i + k - 2;
            if (at >= 0 && body[at] == (byte)'-' && body[at + 1] == (byte)'-' && (at == 0 || body[at - 1] == (byte)'\n'))
            {
                return at;
            }

            i += k + 1;
        }

        return -1;
    }

    // The line break before a delimiter belongs to the delimiter (RFC 2046): content ends before CRLF or LF.
    private static int LineStartBefore(ReadOnlySpan<byte> body, int delimiter, int contentStart)
    {
        int end = delimiter;
        if (end > contentStart && body[end - 1] == (byte)'\n')
        {
            end--;
            if (end > contentStart && body[end - 1] == (byte)'\r')
            {
                end--;
            }
        }

        return end;
    }
}
