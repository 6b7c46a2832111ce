namespace EastWestIds.Http.Http1;

/// <summary>
/// Why a request was refused. A closed set: each value is a metric label, a finding and a status code
/// (<see cref="RequestRejectionReasonExtensions"/>). Well-behaved sidecars never produce any of these.
/// </summary>
public enum RequestRejectionReason : byte
{
    None = 0,

    // request line (400)
    InvalidRequestLine,
    InvalidMethod,
    InvalidRequestTarget,
    UnsupportedHttpVersion,

    // header block (400)
    /// <summary>Not <c>token ":"</c>: whitespace before the colon, no colon, an empty name or a non-token byte.</summary>
    InvalidHeaderName,
    /// <summary>A field value the field's own grammar refuses (today: a Host value with bytes no authority has, RFC 9112 §3.2).</summary>
    InvalidHeaderValue,
    /// <summary>obs-fold: a header line starting with SP or HTAB (RFC 9112 §5.2).</summary>
    HeaderLineFolding,
    /// <summary>A line ended by LF alone (RFC 9112 §2.2 allows it; we do not: it is a desync vector).</summary>
    BareLineFeed,
    /// <summary>NUL or another control byte in a header value.</summary>
    ControlCharacterInHeader,
    MissingHost,
    MultipleHost,
    InvalidContentLength,

    // smuggling shapes (400)
    /// <summary>Both Content-Length and Transfer-Encoding (RFC 9112 §6.1: "ought to be handled as an error").</summary>
    ContentLengthWithTransferEncoding,
    /// <summary>Two Content-Length values that differ (RFC 9112 §6.3 rule 5).</summary>
    ConflictingContentLength,
    /// <summary>A Transfer-Encoding that is not exactly <c>chunked</c> (<c>xchunked</c>, <c>chunked, identity</c>, quoted, repeated, on HTTP/1.0).</summary>
    ObfuscatedTransferEncoding,

    // chunked body (400)
    InvalidChunkSize,
    InvalidChunkExtension,
    MissingChunkDataTerminator,
    InvalidTrailer,

    // limits (431)
    RequestLineTooLong,
    HeadersTooLarge,
    TooManyHeaders,
    TrailersTooLarge,
}
