using System.Buffers;
using System.Runtime.CompilerServices;
using static EastWestIds.Http.HttpCharacters;

namespace EastWestIds.Http.Http1;

// The head, slow path: the head is incomplete, over a limit, malformed at a line end, or crosses segments.
// First locate the whole head without consuming (so an incomplete head produces no callbacks), then walk it
// (.HeadWalk). Limits and bare LFs are judged here, before any callback; a head refused for one of them is still
// walked up to the line that broke it, so that an earlier line's own fault is the reason, as on the fast path.
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
                return IncompleteHead(in requestLineStart, in reader);
            case LineScan.TooLong:
                return Reject(MethodFaultOr(in requestLineStart, RequestRejectionReason.RequestLineTooLong));
            default:
                return Reject(MethodFaultOr(in requestLineStart, RequestRejectionReason.BareLineFeed));
        }

        LineScan section = HttpLineScanner.ScanFieldSection(ref probe, _limits.MaxHeaderBytes, _limits.MaxHeaderCount, out long sectionLength, out long soundLength);
        if (section == LineScan.NeedMore)
        {
            return IncompleteHead(in requestLineStart, in reader);
        }

        if (section != LineScan.Found)
        {
            // The fast path walks a head line by line and names the first line that is wrong; so does this one, or
            // the reason would depend on how the bytes arrived (a NUL in the Host line, then a bare LF further
            // down: one read says control character, reads that end between the two say bare LF).
            RequestFramingBuilder before = default;
            RequestRejectionReason earlier = WalkHead(reader.UnreadSequence.Slice(skip, requestLineLength + soundLength), ref handler, ref before);
            return Reject(earlier != RequestRejectionReason.None ? earlier : section switch
            {
                LineScan.TooLong => RequestRejectionReason.HeadersTooLarge,
                LineScan.TooManyLines => RequestRejectionReason.TooManyHeaders,
                _ => JudgeBareLineFeedLine(reader.UnreadSequence.Slice(skip + requestLineLength + soundLength)),
            });
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
    /// A field line that ends in a bare LF (<paramref name="rest"/> starts with it), judged as the fast path judges
    /// it: a bad name byte or a control character before the LF is the line's first fault.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RequestRejectionReason JudgeBareLineFeedLine(in ReadOnlySequence<byte> rest)
    {
        long lineFeed = rest.PositionOf(ByteLF) is { } position ? rest.Slice(0, position).Length : -1;
        if (lineFeed < 0)
        {
            return RequestRejectionReason.BareLineFeed; // not reached: the scan stopped at this line's LF
        }

        byte[] line = ArrayPool<byte>.Shared.Rent((int)lineFeed + 1);
        try
        {
            rest.Slice(0, lineFeed + 1).CopyTo(line);
            return HttpFieldLine.ParseFirst(line.AsSpan(0, (int)lineFeed + 1), out _, out _, out _);
        }
        finally
        {
            // Heads carry cookies and tokens: do not leave them in a shared pool.
            line.AsSpan(0, (int)lineFeed + 1).Clear();
            ArrayPool<byte>.Shared.Return(line);
        }
    }

    /// <summary>
    /// The head has not ended yet. Binary on the port (a TLS ClientHello, a stray protocol) is refused now rather
    /// than after the limits or a timeout, whether or not its request line has ended; the reason is the one the
    /// whole line would get.
    /// </summary>
    private ParseStatus IncompleteHead(in SequenceReader<byte> requestLineStart, in SequenceReader<byte> reader)
    {
        RequestRejectionReason fault = MethodFault(in requestLineStart);
        return fault == RequestRejectionReason.None ? Incomplete(in reader) : Reject(fault);
    }

    /// <summary>The method's fault if it has one (it comes first in the line), else <paramref name="lineFault"/>.</summary>
    private static RequestRejectionReason MethodFaultOr(in SequenceReader<byte> requestLineStart, RequestRejectionReason lineFault)
    {
        RequestRejectionReason fault = MethodFault(in requestLineStart);
        return fault == RequestRejectionReason.None ? lineFault : fault;
    }

    /// <summary>
    /// What is wrong with the first word of a request line that is not complete, too long or ends in a bare LF,
    /// judged as soon as its first byte that is no tchar has arrived, so that the reason is the same whichever
    /// read brings the line's end: <see cref="RequestRejectionReason.None"/> when that byte is the SP after a
    /// method, the line's end, or has not arrived.
    /// </summary>
    private static RequestRejectionReason MethodFault(in SequenceReader<byte> requestLineStart)
    {
        // Across segments: judged on one segment, the answer would depend on where the reads split the method.
        long methodEnd = 0;
        foreach (ReadOnlyMemory<byte> memory in requestLineStart.UnreadSequence)
        {
            int end = memory.Span.IndexOfAnyExcept(Token);
            if (end < 0)
            {
                methodEnd += memory.Length;
                continue;
            }

            byte stop = memory.Span[end];
            methodEnd += end;
            return stop is ByteCR or ByteLF || (methodEnd > 0 && stop == ByteSpace) ? RequestRejectionReason.None : RejectMethodAt(stop);
        }

        return RequestRejectionReason.None;
    }
}
