using System.Buffers;
using EastWestIds.Http.Http1;

namespace EastWestIds.Http.Bodies;

/// <summary>
/// A body of exactly Content-Length bytes (RFC 9112 §6.3 rule 6): every available byte up to the remaining
/// length goes to <see cref="IHttpRequestHandler.OnBody"/> (one call per segment) and is consumed at once, so
/// a 1 GiB upload costs no memory here. Lives in the parser between reads.
/// </summary>
internal struct ContentLengthBodyReader
{
    private long _remaining;

    /// <summary>Arms the reader for a body of <paramref name="length"/> bytes.</summary>
    public ContentLengthBodyReader(long length) => _remaining = length;

    /// <summary>Bytes of the body not yet delivered.</summary>
    public readonly long Remaining => _remaining;

    /// <summary>Delivers what the reader holds; <see cref="ParseStatus.Complete"/> once the last byte is delivered.</summary>
    public ParseStatus Read<THandler>(ref SequenceReader<byte> reader, ref THandler handler)
        where THandler : struct, IHttpRequestHandler
    {
        while (_remaining > 0)
        {
            ReadOnlySpan<byte> span = reader.UnreadSpan;
            if (span.IsEmpty)
            {
                return ParseStatus.Incomplete;
            }

            int take = (int)Math.Min(span.Length, _remaining);
            handler.OnBody(span[..take]);
            reader.Advance(take);
            _remaining -= take;
        }

        return ParseStatus.Complete;
    }
}
