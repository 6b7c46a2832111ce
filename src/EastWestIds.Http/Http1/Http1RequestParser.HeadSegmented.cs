using System.Buffers;
using System.Runtime.CompilerServices;
using static EastWestIds.Http.HttpCharacters;

namespace EastWestIds.Http.Http1;

// The head, slow path: the head is incomplete, over a limit, malformed at a line end, or crosses segments.
// First locate the whole head without consuming (so an incomplete head produces no callbacks), then walk it
// (.HeadWalk). Limits and bare LFs are judged here, before any callback.
public sealed partial class Http1RequestParser
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ParseStatus ParseHeadSegmented<THandler>(ref SequenceReader<byte> reader, ref THandler handler)
        where THandler : struct, IHttpRequestHandler
    {
        SequenceReader<byte> probe = reader;

        // RFC 9112 §2.2: one empty line before the request line is ignored; a second one is an empty request line.
        int skip = 0;
        if (probe.TryPeek(out byte first) && first == ByteCR)
        {
            if (!probe.TryPeek(1, out byte second))
            {
                return Incomplete(in reader);
            }

            if (second == ByteLF)
            {
                skip = 2;
                probe.Advance(2);
            }
        }

        SequenceReader<byte> requestLineStart = probe;
        switch (HttpLineScanner.ScanLine(ref probe, _limits.MaxRequestLineBytes, out long requestLineLength))
        {
            case LineScan.Found:
                break;
            case LineScan.NeedMore:
                return IncompleteRequestLine(in requestLineStart, in reader);
            case LineScan.TooLong:
                return Reject(RequestRejectionReason.RequestLineTooLong);
            default:
                return Reject(RequestRejectionReason.BareLineFeed);
        }

        switch (HttpLineScanner.ScanFieldSection(ref probe, _limits.MaxHeaderBytes, _limits.MaxHeaderCount, out long sectionLength))
        {
            case LineScan.Found:
                break;
            case LineScan.NeedMore:
                return Incomplete(in reader);
            case LineScan.TooLong:
                return Reject(RequestRejectionReason.HeadersTooLarge);
            case LineScan.TooManyLines:
                return Reject(RequestRejectionReason.TooManyHeaders);
            default:
                return Reject(RequestRejectionReason.BareLineFeed);
        }

        // The whole head is here and every line ends in CRLF: walk it.
        long headLength = skip + requestLineLength + sectionLength;
        RequestFramingBuilder builder = default;
        RequestRejectionReason reason = WalkHead(reader.UnreadSequence.Slice(skip, headLength - skip), ref handler, ref builder);
        if (reason != RequestRejectionReason.None)
        {
            return Reject(reason);
        }

        reason = builder.Build(out RequestFraming framing);
        if (reason != RequestRejectionReason.None)
        {
            return Reject(reason);
        }

        reader.Advance(headLength);
        return CompleteHead(in framing, ref handler);
    }

    private ParseStatus Incomplete(in SequenceReader<byte> reader)
    {
        RequestInProgress = reader.Remaining > 0;
        return ParseStatus.Incomplete;
    }

    /// <summary>
    /// The request line has not ended yet. Binary on the port (a TLS ClientHello, a stray protocol) is refused
    /// now rather than after MaxRequestLineBytes or a timeout; the reason is the one the whole line would get.
    /// </summary>
    private ParseStatus IncompleteRequestLine(in SequenceReader<byte> requestLineStart, in SequenceReader<byte> reader)
    {
        ReadOnlySpan<byte> partial = requestLineStart.UnreadSpan;
        int methodEnd = partial.IndexOfAnyExcept(Token);
        if (methodEnd >= 0 && partial[methodEnd] != ByteCR && !(methodEnd > 0 && partial[methodEnd] == ByteSpace))
        {
            return Reject(RejectMethod(partial, methodEnd));
        }

        return Incomplete(in reader);
    }
}
