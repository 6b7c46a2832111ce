using EastWestIds.Signatures.Decoding;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// <c>http.request_body</c>: the body with its content codings undone, decided once per request; and when that body
/// is text in UTF-16, UTF-32 or EBCDIC (<see cref="BodyCharset"/>), a second value, the same text in UTF-8, which the
/// arguments are parsed from too. The body as sent stays the first value: a false <c>charset</c> claim hides nothing
/// from a server that ignores it. Its arguments are parsed as sent as well when only that claim named the encoding;
/// not when the bytes show it (a byte order mark, the NUL pattern of UTF-16 or UTF-32), where every argument read as
/// sent would be NULs and fragments that no server sees (a benign UTF-16 JSON body raised a NUL-byte finding).
/// </summary>
public sealed partial class RequestBuffers
{
    private bool _bodyDecided;
    private bool _bodyDecompressed;
    private bool _bodyTranscoded;
    private bool _bodyArgumentsAsSent;
    private bool _tailReadable;

    /// <summary>The body as rules see it: decompressed when it had a supported coding, else as sent.</summary>
    private ReadOnlySpan<byte> DecodedBody
    {
        get
        {
            EnsureBody();
            return _bodyDecompressed ? _decompressor.Result : Request.Body;
        }
    }

    /// <summary>The decoded body in UTF-8 when it was in UTF-16, UTF-32 or EBCDIC; empty otherwise.</summary>
    private ReadOnlySpan<byte> TranscodedBody
    {
        get
        {
            EnsureBody();
            return _bodyTranscoded ? _transcoder.Result : default;
        }
    }

    private void ResetBody()
    {
        _bodyDecided = false;
        _bodyDecompressed = false;
        _bodyTranscoded = false;
        _bodyArgumentsAsSent = true;
        _tailReadable = false;
    }

    private void DecodeRequestBody()
    {
        SegmentList list = _lists[(int)Keywords.InspectionBuffer.HttpRequestBody];
        list.Clear();
        ReadOnlySpan<byte> body = DecodedBody;
        if (!body.IsEmpty)
        {
            list.Add(new Segment(SegmentSource.DecodedBody, 0, body.Length));
        }

        ReadOnlySpan<byte> transcoded = TranscodedBody;
        if (!transcoded.IsEmpty)
        {
            list.Add(new Segment(SegmentSource.TranscodedBody, 0, transcoded.Length));
        }

        ReadOnlySpan<byte> tail = ReadableTail;
        if (!tail.IsEmpty)
        {
            list.Add(new Segment(SegmentSource.BodyTail, 0, tail.Length));
        }
    }

    // Small enough to inline: every body value read asks, and only the first decides.
    private void EnsureBody()
    {
        if (!_bodyDecided)
        {
            DecideBody();
        }
    }

    private void DecideBody()
    {
        _bodyDecided = true;
        IRequestView r = Request;
        if (r.Body.IsEmpty)
        {
            return;
        }

        _bodyDecompressed = Decompress(r, out bool coded);
        int contentType = FindHeader(HeaderKind.ContentType);
        ReadOnlySpan<byte> contentTypeValue = contentType < 0 ? default : r.HeaderValue(contentType);
        ReadOnlySpan<byte> body = _bodyDecompressed ? _decompressor.Result : r.Body;
        if (BodyCharset.Detect(contentTypeValue, body, out int preamble, out bool declaredOnly) is { } encoding)
        {
            _transcoder.Transcode(body[preamble..], encoding, ref _anomalies);
            _bodyTranscoded = !_transcoder.Result.IsEmpty;
            _bodyArgumentsAsSent = declaredOnly || !_bodyTranscoded;
            _anomalies |= DecodingAnomalies.TranscodedCharset;
        }

        if (r.BodyTruncated)
        {
            DecideTail(r, coded, MediaTypes.Of(contentTypeValue));
        }
    }

    /// <summary>Undoes the body's content codings; false when it is inspected as sent.</summary>
    private bool Decompress(IRequestView r, out bool coded)
    {
        coded = false;
        Span<ContentCoding> codings = stackalloc ContentCoding[ContentDecompressor.MaxLayers];
        int count = 0;
        EnsureHeaderTable();
        for (int i = 0; i < r.HeaderCount; i++)
        {
            if (_headerKinds[i] == HeaderKind.ContentEncoding
                && !ContentEncodingHeader.TryParse(r.HeaderValue(i), codings, ref count))
            {
                _anomalies |= DecodingAnomalies.UnsupportedContentEncoding; // more layers than we undo: inspect as sent
                coded = true;
                return false;
            }
        }

        coded = count > 0;
        return count > 0 && _decompressor.Decompress(r.Body, codings[..count], ref _anomalies, bodyComplete: !r.BodyTruncated);
    }
}
