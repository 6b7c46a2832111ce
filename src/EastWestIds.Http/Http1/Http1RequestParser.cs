using System.Buffers;

namespace EastWestIds.Http.Http1;

/// <summary>
/// Incremental HTTP/1.1 request framing (RFC 9112) over a <see cref="SequenceReader{T}"/>. One instance per
/// connection; it carries the body state between reads. PLACEHOLDER: the real implementation replaces this file.
/// </summary>
public sealed class Http1RequestParser
{
    public Http1RequestParser(HttpLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Limits = limits;
    }

    public HttpLimits Limits { get; }

    /// <summary>Why the last <see cref="ParseStatus.Rejected"/> happened.</summary>
    public RequestRejectionReason RejectionReason { get; private set; }

    /// <summary>True between the end of a head and the end of its body.</summary>
    public bool InBody { get; private set; }

    /// <summary>True while some bytes of the current request have been seen (head started or body under way).</summary>
    public bool RequestInProgress { get; private set; }

    /// <summary>The framing of the current (or last) request; valid once its head is parsed.</summary>
    public RequestFraming Framing { get; private set; }

    /// <summary>
    /// Parses as far as the reader allows: at most one request. Returns <see cref="ParseStatus.Complete"/> after a
    /// whole request, with the reader positioned after it.
    /// </summary>
    public ParseStatus Parse<THandler>(ref SequenceReader<byte> reader, ref THandler handler)
        where THandler : struct, IHttpRequestHandler
        => throw new NotSupportedException("placeholder");

    /// <summary>Forgets any request in progress (after a rejection, before reuse).</summary>
    public void Reset()
    {
        RejectionReason = RequestRejectionReason.None;
        InBody = false;
        RequestInProgress = false;
        Framing = default;
    }
}
