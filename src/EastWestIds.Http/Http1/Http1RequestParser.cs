using System.Buffers;
using System.Runtime.CompilerServices;
using EastWestIds.Http.Bodies;

namespace EastWestIds.Http.Http1;

/// <summary>
/// Incremental HTTP/1.1 request framing (RFC 9112) over a <see cref="SequenceReader{T}"/>. One instance per
/// connection; it carries the body state between reads.
/// </summary>
/// <remarks>
/// <para>
/// Why it exists: the sink sees every mirrored request of the mesh, so framing must cost a fraction of a
/// microsecond and allocate nothing, and it must never disagree with the sidecars about where a request ends:
/// a sink that frames differently from Envoy is blind to a smuggled request, which is exactly what it is there to
/// see. So every shape two parsers could read differently is rejected with a reason, not repaired.
/// </para>
/// <para>
/// What it guarantees: the head callbacks run only once the whole head (request line, fields, empty line) is in
/// the buffer, so they never run twice for one request; an incomplete head consumes nothing. Body bytes are
/// handed over as they arrive and consumed, never buffered. Limits apply by slicing, before any callback sees the
/// bytes. A rejected head may already have produced <see cref="IHttpRequestHandler.OnStartLine"/> and some
/// <see cref="IHttpRequestHandler.OnHeader"/> calls, never <see cref="IHttpRequestHandler.OnHeadersComplete"/>.
/// </para>
/// <para>
/// Layout: <c>.Head</c> (locating and walking the head, single-segment fast path), <c>.HeadSegmented</c> (heads
/// that are incomplete, over a limit or cross segments), <c>.HeadWalk</c> (walking a head across segments, copying
/// only the lines that cross), <c>.RequestLine</c>, <c>.Body</c>; the body readers live in <c>Bodies/</c>, the
/// byte classes and line scanning in <c>HttpCharacters</c>, <c>HttpLineScanner</c> and <c>HttpFieldLine</c>.
/// </para>
/// </remarks>
public sealed partial class Http1RequestParser
{
    private readonly HttpLimits _limits;
    private BodyFraming _bodyFraming;
    private ContentLengthBodyReader _contentLengthBody;
    private ChunkedBodyReader _chunkedBody;

    /// <summary>Creates a parser for one connection.</summary>
    /// <param name="limits">Size limits; <see cref="HttpLimits.Default"/> unless the operator changed them.</param>
    public Http1RequestParser(HttpLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxRequestLineBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxHeaderBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxHeaderCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxTrailerBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxChunkLineBytes);
        _limits = limits;
    }

    /// <summary>The limits this parser enforces.</summary>
    public HttpLimits Limits => _limits;

    /// <summary>Why the last <see cref="ParseStatus.Rejected"/> happened; <see cref="RequestRejectionReason.None"/> otherwise.</summary>
    public RequestRejectionReason RejectionReason { get; private set; }

    /// <summary>True between the end of a head and the end of its body (trailers included).</summary>
    public bool InBody { get; private set; }

    /// <summary>
    /// True while some bytes of the current request have been seen: a head has started (the last call returned
    /// <see cref="ParseStatus.Incomplete"/> with unconsumed bytes) or a body is under way.
    /// <c>RequestInProgress &amp;&amp; !InBody</c> means a partial head is waiting in the buffer.
    /// </summary>
    public bool RequestInProgress { get; private set; }

    /// <summary>The framing of the current (or last) request; valid once its head is parsed.</summary>
    public RequestFraming Framing { get; private set; }

    /// <summary>
    /// Parses as far as the reader allows: at most one request. Returns <see cref="ParseStatus.Complete"/> after a
    /// whole request, with the reader positioned after it; <see cref="ParseStatus.Incomplete"/> when more bytes
    /// are needed (an unfinished head is not consumed; body bytes handed to the handler are);
    /// <see cref="ParseStatus.Rejected"/> with <see cref="RejectionReason"/> set, and again on every later call
    /// until <see cref="Reset"/>.
    /// </summary>
    /// <param name="reader">The connection's unconsumed bytes; advanced past what was consumed.</param>
    /// <param name="handler">Receives the request's parts; see <see cref="IHttpRequestHandler"/> for the order.</param>
    public ParseStatus Parse<THandler>(ref SequenceReader<byte> reader, ref THandler handler)
        where THandler : struct, IHttpRequestHandler
    {
        if (RejectionReason != RequestRejectionReason.None)
        {
            return ParseStatus.Rejected;
        }

        if (!InBody)
        {
            ParseStatus head = ParseHead(ref reader, ref handler);
            if (head != ParseStatus.Complete || !InBody)
            {
                return head;
            }
        }

        return ParseBody(ref reader, ref handler);
    }

    /// <summary>Forgets any request in progress and any rejection, so the instance can serve a new connection.</summary>
    public void Reset()
    {
        RejectionReason = RequestRejectionReason.None;
        InBody = false;
        RequestInProgress = false;
        Framing = default;
        _bodyFraming = BodyFraming.None;
        _contentLengthBody = default;
        _chunkedBody = default;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ParseStatus Reject(RequestRejectionReason reason)
    {
        RejectionReason = reason;
        RequestInProgress = true;
        InBody = false;
        return ParseStatus.Rejected;
    }
}
