namespace EastWestIds.Http.Http1;

/// <summary>What the head of a request says about its body and its connection, known once the head is parsed.</summary>
/// <param name="Version">The version from the request line.</param>
/// <param name="Body">How the end of the body is found.</param>
/// <param name="ContentLength">The body length when <paramref name="Body"/> is <see cref="BodyFraming.ContentLength"/>; otherwise 0.</param>
/// <param name="KeepAlive">
/// Whether the client expects the connection to stay open after this request (RFC 9112 §9.3): HTTP/1.1 unless
/// <c>Connection: close</c>; HTTP/1.0 only with <c>Connection: keep-alive</c>.
/// </param>
/// <param name="ExpectContinue"><c>Expect: 100-continue</c> on an HTTP/1.1 request (ignored on HTTP/1.0, RFC 9110 §10.1.1).</param>
public readonly record struct RequestFraming(
    HttpVersion Version,
    BodyFraming Body,
    long ContentLength,
    bool KeepAlive,
    bool ExpectContinue);
