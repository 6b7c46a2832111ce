namespace EastWestIds.Http.Http1;

/// <summary>
/// Size limits for a request head and the framing lines of a chunked body. Checked by slicing, before any callback
/// sees the bytes: a line whose end is not within its budget is refused as soon as the budget is used up.
/// </summary>
public sealed record HttpLimits
{
    /// <summary>Default limits: 64 KiB request line, 64 KiB header block, 100 header fields, 16 KiB trailers, 4 KiB chunk-size line.</summary>
    public static HttpLimits Default { get; } = new();

    /// <summary>
    /// Longest request line, CRLF included. Longer: <see cref="RequestRejectionReason.RequestLineTooLong"/> (431). 64 KiB,
    /// not the 8 KiB of most web servers: Envoy counts the path against its 60 KiB of headers and mirrors a longer URL
    /// unchanged, and a request the sink refuses is not inspected, so padding a query past a smaller limit would hide
    /// its payload.
    /// </summary>
    public int MaxRequestLineBytes { get; init; } = 64 * 1024;

    /// <summary>Longest header block (all field lines and the final CRLF, request line excluded). Longer: <see cref="RequestRejectionReason.HeadersTooLarge"/> (431).</summary>
    public int MaxHeaderBytes { get; init; } = 64 * 1024;

    /// <summary>Most header fields. More: <see cref="RequestRejectionReason.TooManyHeaders"/> (431).</summary>
    public int MaxHeaderCount { get; init; } = 100;

    /// <summary>Longest trailer section of a chunked body (trailer field lines and the final CRLF). Longer: <see cref="RequestRejectionReason.TrailersTooLarge"/> (431).</summary>
    public int MaxTrailerBytes { get; init; } = 16 * 1024;

    /// <summary>Longest chunk-size line, extensions and CRLF included. Longer: <see cref="RequestRejectionReason.InvalidChunkSize"/>.</summary>
    public int MaxChunkLineBytes { get; init; } = 4 * 1024;
}
