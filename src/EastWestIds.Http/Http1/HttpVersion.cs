namespace EastWestIds.Http.Http1;

/// <summary>The protocol version named on a request line, or carried by an HTTP/2 stream.</summary>
public enum HttpVersion : byte
{
    /// <summary>Not known (no request line parsed yet).</summary>
    Unknown = 0,

    /// <summary><c>HTTP/1.0</c>: no Host required, not persistent unless <c>Connection: keep-alive</c>, no chunked.</summary>
    Http10,

    /// <summary><c>HTTP/1.1</c>.</summary>
    Http11,

    /// <summary>HTTP/2 (h2c); never produced by <see cref="Http1RequestParser"/>.</summary>
    Http2,
}
