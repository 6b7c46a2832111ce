using System.Buffers;
using System.Runtime.CompilerServices;
using static EastWestIds.Http.HttpCharacters;

namespace EastWestIds.Http.Http1;

// The head, slow path: the head is incomplete, over a limit, malformed at a line end, or crosses segments.
// First locate the whole head without consuming (so an incomplete head produces no callbacks), then walk it
// line by line: a line inside one segment is handed out as is, a line across segments is copied to scratch.
public sealed partial class Http1RequestParser
{
    /// <summary>Lines up to this size are copied on the stack; longer ones into a pooled array.</summary>
    private const int StackScratchBytes = 256;

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
        SequenceReader<byte> lines = new(reader.Sequence.Slice(reader.Position, headLength));
        lines.Advance(skip);
        RequestFramingBuilder builder = default;
        bool requestLine = true;
        while (lines.TryReadTo(out ReadOnlySequence<byte> line, ByteLF))
        {
            // Each line still ends with its CR; a field line of just CR is the empty line that ends the head.
            if (line.Length == 1 && !requestLine)
            {
                break;
            }

            ReadOnlySequence<byte> content = line.Slice(0, line.Length - 1);
            RequestRejectionReason reason = content.IsSingleSegment
                ? ProcessHeadLine(content.FirstSpan, requestLine, ref handler, ref builder)
                : ProcessCopiedHeadLine(in content, requestLine, ref handler, ref builder);
            if (reason != RequestRejectionReason.None)
            {
                return Reject(reason);
            }

            requestLine = false;
        }

        RequestRejectionReason framingReason = builder.Build(out RequestFraming framing);
        if (framingReason != RequestRejectionReason.None)
        {
            return Reject(framingReason);
        }

        reader.Advance(headLength);
        return CompleteHead(in framing, ref handler);
    }

    private static RequestRejectionReason ProcessHeadLine<THandler>(ReadOnlySpan<byte> line, bool requestLine, ref THandler handler, ref RequestFramingBuilder builder)
        where THandler : struct, IHttpRequestHandler
        => requestLine
            ? ProcessRequestLine(line, ref handler, out builder.Version)
            : ProcessFieldLine(line, ref handler, ref builder);

    /// <summary>Copies a line that crosses segments so the handler still gets one contiguous span.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RequestRejectionReason ProcessCopiedHeadLine<THandler>(in ReadOnlySequence<byte> line, bool requestLine, ref THandler handler, ref RequestFramingBuilder builder)
        where THandler : struct, IHttpRequestHandler
    {
        // The line fits the limits already checked, so its length fits an int.
        int length = (int)line.Length;
        byte[]? rented = null;
        Span<byte> scratch = length <= StackScratchBytes
            ? stackalloc byte[StackScratchBytes]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            line.CopyTo(scratch);
            return ProcessHeadLine(scratch[..length], requestLine, ref handler, ref builder);
        }
        finally
        {
            if (rented is not null)
            {
                // Heads carry cookies and tokens: do not leave them in a shared pool.
                rented.AsSpan(0, length).Clear();
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
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
