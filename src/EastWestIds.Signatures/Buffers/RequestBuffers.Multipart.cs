using System.Text;
using EastWestIds.Signatures.Decoding;
using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// <c>multipart/form-data</c> (RFC 7578, framing per RFC 2046 §5.1.1) parsed for arguments and uploads. Tolerant the
/// way servers are: LF as well as CRLF line ends, a quoted or bare boundary, a preamble before the first delimiter.
/// Flags <see cref="DecodingAnomalies.MalformedMultipart"/> for a missing boundary parameter, no delimiter at all, a
/// missing close delimiter (unless the body was truncated), or more parts than the budget; parts seen before a framing
/// problem are kept, the last unterminated part running to the end of the body. Past the budget of parts, parsing
/// goes on: the argument lists keep their first and newest values, so junk parts before the payload's part do not
/// hide it.
/// </summary>
public sealed partial class RequestBuffers
{
    /// <summary>The charset the body's <c>_charset_</c> field names, for the fields that declare none; null when none.</summary>
    private System.Text.Encoding? _formCharset;

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

        // RFC 7578 §4.6: a field named _charset_ gives the charset of the fields that declare none. Jetty 12 takes the
        // first such field for every field, before it too, so it is looked for before any field is read.
        _formCharset = body.IndexOf("_charset_"u8) >= 0 ? WalkParts(body, contentType, boundary, delimiter, charsetField: true) : null;
        WalkParts(body, contentType, boundary, delimiter, charsetField: false);
    }

    /// <summary>
    /// Reads the parts from the first <paramref name="delimiter"/> on and adds each; with <paramref name="charsetField"/>,
    /// adds nothing and returns the ASCII-incompatible charset the first <c>_charset_</c> field names (null if none does).
    /// </summary>
    private System.Text.Encoding? WalkParts(ReadOnlySpan<byte> body, ReadOnlySpan<byte> contentType, ReadOnlySpan<byte> boundary, int delimiter, bool charsetField)
    {
        for (int parts = 0; ; parts++)
        {
            int after = delimiter + 2 + boundary.Length;
            if (body[after..].StartsWith("--"u8))
            {
                return null; // close delimiter
            }

            if (parts == _limits.MaxMultipartParts)
            {
                _anomalies |= DecodingAnomalies.MalformedMultipart;
            }

            int lineEnd = body[after..].IndexOf((byte)'\n');
            if (lineEnd < 0)
            {
                FlagUnclosed();
                return null;
            }

            int headersStart = after + lineEnd + 1;
            int contentStart = SkipPartHeaders(body, headersStart, out PartNames names);
            int next = contentStart < 0 ? -1 : FindDelimiter(body, contentStart, boundary);
            if (contentStart < 0)
            {
                FlagUnclosed();
                return null;
            }

            int contentEnd = next < 0 ? body.Length : LineStartBefore(body, next, contentStart);
            if (!charsetField)
            {
                AddPart(body, names, contentStart, contentEnd - contentStart, contentType);
            }
            else if (names.FileStart < 0 && names.ExtendedFileStart < 0 && names.NameStart >= 0
                && body.Slice(names.NameStart, names.NameLength).SequenceEqual("_charset_"u8))
            {
                return CharsetNames.AsciiIncompatible(body.Slice(contentStart, contentEnd - contentStart).Trim(" \t\r\n"u8));
            }

            if (next < 0)
            {
                FlagUnclosed();
                return null;
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

    /// <summary>
    /// A file part adds its name(s) and content; any other part an argument. A part with both <c>filename</c> and
    /// <c>filename*</c> (RFC 6266) adds both names, because backends disagree on which one wins and an upload
    /// filter must not be fooled by <c>filename="a.jpg"; filename*=UTF-8''shell.php</c>; so <c>file.name</c> can
    /// have one more value than <c>file.data</c>. A part in <c>base64</c> or <c>quoted-printable</c> adds its content
    /// twice, as sent and decoded: Go and python-multipart decode it, Java and PHP do not. A field whose part (or, failing
    /// that, the whole body's Content-Type) declares a charset in which ASCII is not ASCII (UTF-16, UTF-32, EBCDIC) adds
    /// its content in UTF-8 too (instead, when its bytes show the UTF-16 or UTF-32 themselves): Commons FileUpload's <c>getString()</c>, Spring's Commons resolver and ASP.NET decode a
    /// field in its declared charset, and <c>charset=ibm037</c> on a part is a known WAF bypass; a field that declares
    /// none is read in the charset a <c>_charset_</c> field names (Jetty 12's <c>MultiPartFormData</c>), if any.
    /// </summary>
    private void AddPart(ReadOnlySpan<byte> body, in PartNames names, int contentStart, int contentLength, ReadOnlySpan<byte> bodyContentType)
    {
        if (names.FileStart >= 0 || names.ExtendedFileStart >= 0)
        {
            SegmentList fileNames = _lists[(int)InspectionBuffer.FileName];
            SegmentList fileData = _lists[(int)InspectionBuffer.FileData];
            if (names.FileStart >= 0)
            {
                AddValue(fileNames, _bodySource, body, names.FileStart, names.FileLength, ValueDecoding.None);
            }

            if (names.ExtendedFileStart >= 0)
            {
                AddExtendedValue(fileNames, body, names.ExtendedFileStart, names.ExtendedFileLength);
            }

            AddValue(fileData, _bodySource, body, contentStart, contentLength, ValueDecoding.FileContent);
            AddTransferDecoded(fileData, body.Slice(contentStart, contentLength), names.Transfer, ValueDecoding.FileContent);
            return;
        }

        AddValue(ArgNames, _bodySource, body, Math.Max(names.NameStart, 0), names.NameLength, ValueDecoding.None);
        ReadOnlySpan<byte> content = body.Slice(contentStart, contentLength);
        System.Text.Encoding? charset = null;
        if (names.Transfer == TransferEncoding.None)
        {
            ReadOnlySpan<byte> partContentType = names.ContentTypeStart < 0 ? default : body.Slice(names.ContentTypeStart, names.ContentTypeLength);
            charset = BodyCharset.Declared(partContentType, content)
                ?? BodyCharset.For(_formCharset, content)
                ?? BodyCharset.Declared(bodyContentType, content);
        }

        // Bytes that show the declared UTF-16 or UTF-32 themselves (a byte order mark, the NUL pattern) are no text in
        // an ASCII charset to any server, and read as sent they are a value of NULs: a benign field from .NET's
        // StringContent with Encoding.Unicode raised 9100044. Such a field is read in UTF-8 only, as such a body is
        // (BodyCharset.Detect); one whose bytes only the claim names is read both ways, so a false claim hides nothing.
        if (charset is null || !CharsetNames.IsUnicode(charset) || !BodyCharset.ShowsUnicode(content))
        {
            AddValue(Args, _bodySource, body, contentStart, contentLength, ValueDecoding.None);
        }

        AddTransferDecoded(Args, content, names.Transfer, ValueDecoding.None);
        if (charset is not null)
        {
            AddTranscoded(Args, content, charset);
        }
    }

    /// <summary>
    /// A field's content in UTF-8 from its declared <paramref name="charset"/>, in the arena. Three bytes a byte is the
    /// most it can take; the budget is exceeded only when what it does take does not fit (the transcoder says so).
    /// </summary>
    private void AddTranscoded(SegmentList list, ReadOnlySpan<byte> content, System.Text.Encoding charset)
    {
        Span<byte> space = _arena.Begin((int)Math.Min((long)content.Length * 3, int.MaxValue));
        int written = _transcoder.TranscodeInto(content, charset, space, ref _anomalies);
        _anomalies |= DecodingAnomalies.TranscodedCharset;
        FlagNul(space[..written]);
        AddReference(list, SegmentSource.Arena, _arena.Commit(written), written);
    }

    /// <summary>The content of a part in a transfer encoding, decoded into the arena and added; nothing when there is none.</summary>
    private void AddTransferDecoded(SegmentList list, ReadOnlySpan<byte> content, TransferEncoding transfer, ValueDecoding decoding)
    {
        if (transfer == TransferEncoding.None)
        {
            return;
        }

        Span<byte> space = BeginArena(content.Length);
        content = content[..space.Length];
        int written = transfer == TransferEncoding.Base64
            ? Transforms.Base64Decoder.DecodeMime(content, space)
            : QuotedPrintableDecoder.Decode(content, space);
        int start = _arena.Commit(written);
        AddValue(list, SegmentSource.Arena, _arena.Slice(0, start + written), start, written, decoding);
    }

    /// <summary>An RFC 8187 ext-value (<c>UTF-8'en'%e2%82%ac.php</c>): charset and language dropped, then percent-decoded (no <c>+</c>).</summary>
    private void AddExtendedValue(SegmentList list, ReadOnlySpan<byte> body, int start, int length)
    {
        ReadOnlySpan<byte> value = body.Slice(start, length);
        int first = value.IndexOf((byte)'\'');
        int second = first < 0 ? -1 : value[(first + 1)..].IndexOf((byte)'\'');
        int skip = second < 0 ? 0 : first + second + 2;
        AddValue(list, _bodySource, body, start + skip, length - skip, ValueDecoding.Percent);
    }

    /// <summary>Body offsets of a part's Content-Disposition parameters; -1 when absent.</summary>
    private struct PartNames
    {
        public int NameStart;
        public int NameLength;
        public int FileStart;
        public int FileLength;
        public int ExtendedFileStart;
        public int ExtendedFileLength;
        public int ContentTypeStart;
        public int ContentTypeLength;
        public TransferEncoding Transfer;
    }

    /// <summary>A part's <c>Content-Transfer-Encoding</c> that changes its bytes (7bit, 8bit and binary do not).</summary>
    private enum TransferEncoding : byte
    {
        None,
        Base64,
        QuotedPrintable,
    }

    /// <summary>
    /// Reads a part's header lines up to the empty line; returns where the content starts (-1 if the headers never
    /// end). Finds the Content-Disposition <c>name</c>, <c>filename</c> and <c>filename*</c> (offsets into the body), the
    /// Content-Type, and a Content-Transfer-Encoding of <c>base64</c> or <c>quoted-printable</c>.
    /// </summary>
    private static int SkipPartHeaders(ReadOnlySpan<byte> body, int at, out PartNames names)
    {
        names = new PartNames { NameStart = -1, FileStart = -1, ExtendedFileStart = -1, ContentTypeStart = -1 };
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
                    (names.NameStart, names.NameLength) = (valueOffset + offset, length);
                }

                if (TryHeaderParameter(value, "filename"u8, out offset, out length))
                {
                    (names.FileStart, names.FileLength) = (valueOffset + offset, length);
                }

                if (TryHeaderParameter(value, "filename*"u8, out offset, out length))
                {
                    (names.ExtendedFileStart, names.ExtendedFileLength) = (valueOffset + offset, length);
                }
            }
            else if (colon > 0 && Ascii.EqualsIgnoreCase(line[..colon].Trim(" \t"u8), "Content-Type"u8))
            {
                (names.ContentTypeStart, names.ContentTypeLength) = (i + colon + 1, line.Length - colon - 1);
            }
            else if (colon > 0 && Ascii.EqualsIgnoreCase(line[..colon].Trim(" \t"u8), "Content-Transfer-Encoding"u8))
            {
                ReadOnlySpan<byte> value = line[(colon + 1)..].Trim(" \t"u8);
                names.Transfer = Ascii.EqualsIgnoreCase(value, "base64"u8) ? TransferEncoding.Base64
                    : Ascii.EqualsIgnoreCase(value, "quoted-printable"u8) ? TransferEncoding.QuotedPrintable
                    : TransferEncoding.None;
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
