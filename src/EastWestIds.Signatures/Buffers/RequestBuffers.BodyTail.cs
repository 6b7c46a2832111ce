using EastWestIds.Signatures.Decoding;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// The tail of a body longer than the inspected head and tail together (<see cref="IRequestView.BodyTail"/>): a further
/// <c>http.request_body</c> value, and arguments read from it by the body's media type, from the first place a parser
/// could take up the body again: after the first <c>&amp;</c> of a form, at the first delimiter of a multipart body, at
/// the first <c>&lt;</c> of XML; JSON is scanned from the tail's start and from just after its first quote, since the
/// cut may fall inside a string or outside one (padding is usually one long string, so the second reading is the right
/// one there); YAML from the tail's first line break; a body taken whole as one string (<c>text/plain</c> that is no
/// JSON, GraphQL) adds its tail as a further value; a MessagePack or CBOR body cannot be taken up again in its middle
/// and adds none. Why: the evasion every inspector with a body limit meets is padding, junk first and the payload past the
/// limit; the payload then sits in the tail. A content-coded body's tail cannot be decoded without what precedes it and
/// is not read; a body in another charset has its tail read as a body value only.
/// </summary>
public sealed partial class RequestBuffers
{
    /// <summary>The body's tail when rules can read it (not content-coded); empty otherwise.</summary>
    private ReadOnlySpan<byte> ReadableTail
    {
        get
        {
            EnsureBody();
            return _tailReadable ? Request.BodyTail : default;
        }
    }

    /// <summary>For a body longer than what was kept: whether its tail is read, and whether its middle is a finding.</summary>
    private void DecideTail(IRequestView r, bool coded, ReadOnlySpan<byte> mediaType)
    {
        _tailReadable = !coded && !r.BodyTail.IsEmpty;
        if (MediaTypes.CarriesArguments(mediaType))
        {
            _anomalies |= DecodingAnomalies.BodyMiddleUninspected;
        }
    }

    /// <summary>
    /// The arguments of the tail, read as the head (<paramref name="head"/>) was: by the kind its media type and first
    /// bytes give it (<see cref="BodyKindOf"/>, <see cref="UndeclaredDocumentOf"/>), so head and tail never disagree. Its
    /// syntax errors are no finding: it starts in the middle of something by construction.
    /// </summary>
    private void ParseBodyTail(ReadOnlySpan<byte> head, ReadOnlySpan<byte> contentType)
    {
        const DecodingAnomalies Syntax = DecodingAnomalies.MalformedJson | DecodingAnomalies.MalformedMultipart;
        ReadOnlySpan<byte> tail = Request.BodyTail;
        ReadOnlySpan<byte> text = head.StartsWith(Utf8ByteOrderMark) ? head[Utf8ByteOrderMark.Length..] : head;
        DecodingAnomalies before = _anomalies;
        _bodySource = SegmentSource.BodyTail;
        BodyKind kind = BodyKindOf(MediaTypes.Of(contentType), text);
        if (kind == BodyKind.Form)
        {
            int amp = tail.IndexOf((byte)'&');
            if (amp >= 0)
            {
                ParseUrlEncoded(SegmentSource.BodyTail, tail, amp + 1);
            }
        }
        else if (kind == BodyKind.Multipart)
        {
            ParseMultipart(tail, contentType);
        }
        else if (kind == BodyKind.Yaml)
        {
            int newline = tail.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                ScanYaml(SegmentSource.BodyTail, tail, newline + 1);
            }
        }
        else if ((kind == BodyKind.WholeText && UndeclaredDocumentOf(text) == BodyKind.Opaque) || kind == BodyKind.GraphQl)
        {
            AddWholeText(SegmentSource.BodyTail, tail, 0);
        }

        // A form or an opaque body may be an undeclared document too, as ParseBody reads it.
        BodyKind document = kind is BodyKind.Form or BodyKind.Opaque or BodyKind.WholeText ? UndeclaredDocumentOf(text) : kind;
        if (document == BodyKind.Json)
        {
            ScanJson(tail, 0);
            int quote = tail.IndexOf((byte)'"');
            if (quote >= 0)
            {
                ScanJson(tail, quote + 1);
            }
        }
        else if (document == BodyKind.Xml)
        {
            int lt = tail.IndexOf((byte)'<');
            if (lt >= 0)
            {
                ScanXml(tail, lt);
            }
        }

        _anomalies = (_anomalies & ~Syntax) | (before & Syntax);
        _bodySource = SegmentSource.DecodedBody;
    }
}
