using System.Buffers;
using EastWestIds.Http.Http1;
using static EastWestIds.Http.HttpCharacters;

namespace EastWestIds.Http.Bodies;

/// <summary>
/// Decodes <c>Transfer-Encoding: chunked</c> (RFC 9112 §7.1) incrementally and hands the payload to
/// <see cref="IHttpRequestHandler.OnBody"/> as it arrives; only the chunk framing is removed, nothing is buffered.
/// </summary>
/// <remarks>
/// A chunk-size line or the trailer section is consumed only once it is complete (so a read that splits it
/// changes nothing); chunk data is consumed as soon as it is delivered. The framing is parsed strictly: size
/// overflow, junk after the size, a missing CRLF after the data and bare LFs are the classic ways to make two
/// parsers disagree on where a chunked body ends (TE.TE desync), so each is a rejection. Lives in the parser
/// between reads; <c>default</c> is ready for a new body.
/// </remarks>
internal partial struct ChunkedBodyReader
{
    private ChunkedBodyState _state;
    private long _remaining;

    /// <summary>
    /// Reads as far as the input allows. <see cref="ParseStatus.Complete"/> after the trailer section's empty
    /// line; <see cref="ParseStatus.Rejected"/> with <paramref name="reason"/>.
    /// </summary>
    public ParseStatus Read<THandler>(ref SequenceReader<byte> reader, ref THandler handler, HttpLimits limits, out RequestRejectionReason reason)
        where THandler : struct, IHttpRequestHandler
    {
        reason = RequestRejectionReason.None;
        while (true)
        {
            switch (_state)
            {
                case ChunkedBodyState.SizeLine:
                    ParseStatus sizeLine = ReadSizeLine(ref reader, limits.MaxChunkLineBytes, out reason);
                    if (sizeLine != ParseStatus.Complete)
                    {
                        return sizeLine;
                    }

                    break;

                case ChunkedBodyState.Data:
                    if (!ReadData(ref reader, ref handler))
                    {
                        return ParseStatus.Incomplete;
                    }

                    _state = ChunkedBodyState.DataTerminator;
                    break;

                case ChunkedBodyState.DataTerminator:
                    // RFC 9112 §7.1: chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF. Anything but CRLF after
                    // the data means the sender's idea of the size differs from ours.
                    if (!reader.TryPeek(out byte cr))
                    {
                        return ParseStatus.Incomplete;
                    }

                    if (cr != ByteCR)
                    {
                        reason = RequestRejectionReason.MissingChunkDataTerminator;
                        return ParseStatus.Rejected;
                    }

                    if (!reader.TryPeek(1, out byte lf))
                    {
                        return ParseStatus.Incomplete;
                    }

                    if (lf != ByteLF)
                    {
                        reason = RequestRejectionReason.MissingChunkDataTerminator;
                        return ParseStatus.Rejected;
                    }

                    reader.Advance(2);
                    _state = ChunkedBodyState.SizeLine;
                    break;

                default:
                    ParseStatus trailers = ReadTrailers(ref reader, ref handler, limits.MaxTrailerBytes, out reason);
                    if (trailers == ParseStatus.Complete)
                    {
                        _state = ChunkedBodyState.SizeLine;
                    }

                    return trailers;
            }
        }
    }

    /// <summary>Delivers available chunk data; true when the chunk is done.</summary>
    private bool ReadData<THandler>(ref SequenceReader<byte> reader, ref THandler handler)
        where THandler : struct, IHttpRequestHandler
    {
        while (_remaining > 0)
        {
            ReadOnlySpan<byte> span = reader.UnreadSpan;
            if (span.IsEmpty)
            {
                return false;
            }

            int take = (int)Math.Min(span.Length, _remaining);
            handler.OnBody(span[..take]);
            reader.Advance(take);
            _remaining -= take;
        }

        return true;
    }

    private void StartChunk(long size)
    {
        // RFC 9112 §7.1: last-chunk = 1*("0") [ chunk-ext ] CRLF, then the trailer section.
        _remaining = size;
        _state = size == 0 ? ChunkedBodyState.Trailers : ChunkedBodyState.Data;
    }
}
