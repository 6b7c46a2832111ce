using EastWestIds.Signatures.Decoding;

namespace EastWestIds.Signatures.Buffers;

/// <summary><c>http.request_body</c>: the body with its content codings undone, decided once per request.</summary>
public sealed partial class RequestBuffers
{
    private bool _bodyDecided;
    private bool _bodyDecompressed;

    /// <summary>The body as rules see it: decompressed when it had a supported coding, else as sent.</summary>
    private ReadOnlySpan<byte> DecodedBody
    {
        get
        {
            EnsureBody();
            return _bodyDecompressed ? _decompressor.Result : Request.Body;
        }
    }

    private void ResetBody()
    {
        _bodyDecided = false;
        _bodyDecompressed = false;
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
    }

    private void EnsureBody()
    {
        if (_bodyDecided)
        {
            return;
        }

        _bodyDecided = true;
        IRequestView r = Request;
        if (r.Body.IsEmpty)
        {
            return;
        }

        Span<ContentCoding> codings = stackalloc ContentCoding[ContentDecompressor.MaxLayers];
        int count = 0;
        EnsureHeaderTable();
        for (int i = 0; i < r.HeaderCount; i++)
        {
            if (_headerKinds[i] == HeaderKind.ContentEncoding
                && !ContentEncodingHeader.TryParse(r.HeaderValue(i), codings, ref count))
            {
                _anomalies |= DecodingAnomalies.UnsupportedContentEncoding; // more layers than we undo: inspect as sent
                return;
            }
        }

        _bodyDecompressed = count > 0 && _decompressor.Decompress(r.Body, codings[..count], ref _anomalies, bodyComplete: !r.BodyTruncated);
    }
}
