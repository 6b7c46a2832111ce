namespace EastWestIds.Http.Http1;

/// <summary>
/// Callbacks from <see cref="Http1RequestParser"/>. Implemented by <c>struct</c>s so calls are direct and inlined.
/// Every span points into the connection's receive buffer (or the parser's scratch when a line crosses
/// segments) and is valid only during the call: copy what must outlive it.
/// </summary>
/// <remarks>
/// Order per request: <see cref="OnStartLine"/>, <see cref="OnHeader"/> × n, <see cref="OnHeadersComplete"/>,
/// <see cref="OnBody"/> × n (de-chunked payload bytes only, in order, every byte of the body),
/// <see cref="OnTrailer"/> × n (chunked only). The head callbacks run only once the whole head is present,
/// so an incomplete head never produces callbacks twice. When the parser rejects a head, the handler may already
/// have seen <see cref="OnStartLine"/> and some <see cref="OnHeader"/> calls for it (useful as evidence), but never
/// <see cref="OnHeadersComplete"/>; when it rejects a body, the body bytes before the fault were delivered.
/// </remarks>
public interface IHttpRequestHandler
{
    /// <summary>The request line. <paramref name="method"/> is a token; <paramref name="target"/> is raw (not decoded).</summary>
    void OnStartLine(ReadOnlySpan<byte> method, ReadOnlySpan<byte> target, HttpVersion version, RequestTargetForm form);

    /// <summary>One header field; the value has leading and trailing whitespace removed.</summary>
    void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value);

    /// <summary>The head is complete and valid; the framing of the body is known.</summary>
    void OnHeadersComplete(in RequestFraming framing);

    /// <summary>A run of body payload bytes.</summary>
    void OnBody(ReadOnlySpan<byte> data);

    /// <summary>One trailer field of a chunked body.</summary>
    void OnTrailer(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value);
}
