namespace EastWestIds.Http.Bodies;

/// <summary>Where a chunked body reader is between reads (RFC 9112 §7.1).</summary>
internal enum ChunkedBodyState : byte
{
    /// <summary>Waiting for a chunk-size line (the default, so a zeroed reader is ready).</summary>
    SizeLine,

    /// <summary>Inside chunk data; the remaining count says how much.</summary>
    Data,

    /// <summary>Chunk data is done; its CRLF is due.</summary>
    DataTerminator,

    /// <summary>The last chunk was seen; the trailer section and its empty line are due.</summary>
    Trailers,
}
