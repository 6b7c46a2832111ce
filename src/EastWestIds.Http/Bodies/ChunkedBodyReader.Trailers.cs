using System.Buffers;
using System.Runtime.CompilerServices;
using EastWestIds.Http.Http1;
using static EastWestIds.Http.HttpCharacters;

namespace EastWestIds.Http.Bodies;

// trailer-section = *( field-line CRLF ) CRLF (RFC 9112 §7.1.2).
internal partial struct ChunkedBodyReader
{
    private static ParseStatus ReadTrailers<THandler>(ref SequenceReader<byte> reader, ref THandler handler, int maxTrailerBytes, out RequestRejectionReason reason)
        where THandler : struct, IHttpRequestHandler
    {
        reason = RequestRejectionReason.None;

        // Almost every chunked body ends "0\r\n\r\n": no trailers.
        if (reader.IsNext("\r\n"u8, advancePast: true))
        {
            return ParseStatus.Complete;
        }

        return ReadTrailerSection(ref reader, ref handler, maxTrailerBytes, out reason);
    }

    /// <summary>
    /// Locates the whole section first (so an incomplete section produces no callbacks and consumes nothing),
    /// then hands each field to <see cref="IHttpRequestHandler.OnTrailer"/>. Trailer fields never change the
    /// framing (RFC 9110 §6.5.1: a recipient must not use them for it), so Content-Length or
    /// Transfer-Encoding here are only reported, not applied.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ParseStatus ReadTrailerSection<THandler>(ref SequenceReader<byte> reader, ref THandler handler, int maxTrailerBytes, out RequestRejectionReason reason)
        where THandler : struct, IHttpRequestHandler
    {
        SequenceReader<byte> probe = reader;
        switch (HttpLineScanner.ScanFieldSection(ref probe, maxTrailerBytes, int.MaxValue, out long sectionLength, out _))
        {
            case LineScan.Found:
                break;
            case LineScan.NeedMore:
                reason = RequestRejectionReason.None;
                return ParseStatus.Incomplete;
            case LineScan.TooLong:
                reason = RequestRejectionReason.TrailersTooLarge;
                return ParseStatus.Rejected;
            default:
                reason = RequestRejectionReason.BareLineFeed;
                return ParseStatus.Rejected;
        }

        SequenceReader<byte> lines = new(reader.Sequence.Slice(reader.Position, sectionLength));
        while (lines.TryReadTo(out ReadOnlySequence<byte> line, ByteLF) && line.Length > 1)
        {
            ReadOnlySequence<byte> content = line.Slice(0, line.Length - 1);
            reason = content.IsSingleSegment
                ? ProcessTrailerLine(content.FirstSpan, ref handler)
                : ProcessCopiedTrailerLine(in content, ref handler);
            if (reason != RequestRejectionReason.None)
            {
                return ParseStatus.Rejected;
            }
        }

        reader.Advance(sectionLength);
        reason = RequestRejectionReason.None;
        return ParseStatus.Complete;
    }

    private static RequestRejectionReason ProcessTrailerLine<THandler>(ReadOnlySpan<byte> line, ref THandler handler)
        where THandler : struct, IHttpRequestHandler
    {
        // Same field rules as the head (RFC 9112 §7.1.2 refers to §5); one reason for all of them.
        if (HttpFieldLine.Parse(line, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value) != RequestRejectionReason.None)
        {
            return RequestRejectionReason.InvalidTrailer;
        }

        handler.OnTrailer(name, value);
        return RequestRejectionReason.None;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RequestRejectionReason ProcessCopiedTrailerLine<THandler>(in ReadOnlySequence<byte> line, ref THandler handler)
        where THandler : struct, IHttpRequestHandler
    {
        int length = (int)line.Length;
        byte[]? rented = null;
        Span<byte> scratch = length <= StackScratchBytes
            ? stackalloc byte[StackScratchBytes]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            line.CopyTo(scratch);
            return ProcessTrailerLine(scratch[..length], ref handler);
        }
        finally
        {
            if (rented is not null)
            {
                rented.AsSpan(0, length).Clear();
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
