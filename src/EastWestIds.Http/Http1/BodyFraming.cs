namespace EastWestIds.Http.Http1;

/// <summary>How the end of a request body is found (RFC 9112 §6.3).</summary>
public enum BodyFraming : byte
{
    /// <summary>No body: neither Content-Length nor Transfer-Encoding.</summary>
    None,

    /// <summary>Exactly <see cref="RequestFraming.ContentLength"/> bytes follow the head.</summary>
    ContentLength,

    /// <summary><c>Transfer-Encoding: chunked</c>.</summary>
    Chunked,
}
