namespace EastWestIds.Http.Http1;

/// <summary>The protocol version named on a request line, or carried by an HTTP/2 stream.</summary>
public enum HttpVersion : byte
{
    Unknown = 0,
    Http10,
    Http11,
    Http2,
}
