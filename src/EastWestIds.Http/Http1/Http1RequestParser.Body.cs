using System.Buffers;

namespace EastWestIds.Http.Http1;

// The body: streamed to the handler as it arrives, never buffered (RFC 9112 §6.3 decides which reader).
public sealed partial class Http1RequestParser
{
    private ParseStatus ParseBody<THandler>(ref SequenceReader<byte> reader, ref THandler handler)
        where THandler : struct, IHttpRequestHandler
    {
        ParseStatus status;
        if (_bodyFraming == BodyFraming.Chunked)
        {
            status = _chunkedBody.Read(ref reader, ref handler, _limits, out RequestRejectionReason reason);
            if (status == ParseStatus.Rejected)
            {
                return Reject(reason);
            }
        }
        else
        {
            status = _contentLengthBody.Read(ref reader, ref handler);
        }

        if (status == ParseStatus.Complete)
        {
            InBody = false;
            RequestInProgress = false;
        }

        return status;
    }
}
