namespace EastWestIds.Http.Http1;

/// <summary>Size limits for a request head. Checked by slicing, before any callback sees the bytes.</summary>
public sealed record HttpLimits
{
    /// <summary>Default limits: 8 KiB request line, 64 KiB header block, 100 header fields.</summary>
    public static HttpLimits Default { get; } = new();

    /// <summary>Longest request line, CRLF included. Longer: <see cref="RequestRejectionReason.RequestLineTooLong"/> (431).</summary>
    public int MaxRequestLineBytes { get; init; } = 8 * 1024;

    /// <summary>Longest header block (all field lines and the final CRLF, request line excluded). Longer: <see cref="RequestRejectionReason.HeadersTooLarge"/> (431).</summary>
    public int MaxHeaderBytes { get; init; } = 64 * 1024;

    /// <summary>Most header fields. More: <see cref="RequestRejectionReason.TooManyHeaders"/> (431).</summary>
    public int MaxHeaderCount { get; init; } = 100;

    /// <summary>Longest trailer section of a chunked body.</summary>
    public int MaxTrailerBytes { get; init; } = 16 * 1024;

    /// <summary>Longest chunk-size line, extensions included.</summary>
    public int MaxChunkLineBytes { get; init; } = 4 * 1024;
}
