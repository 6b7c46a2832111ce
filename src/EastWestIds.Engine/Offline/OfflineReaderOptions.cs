using EastWestIds.Http.Http1;

namespace EastWestIds.Engine.Offline;

/// <summary>Limits for offline readers: the same as on the mirror port unless changed.</summary>
public sealed record OfflineReaderOptions
{
    /// <summary>The parser's limits.</summary>
    public HttpLimits Limits { get; init; } = HttpLimits.Default;

    /// <summary>Body bytes kept per request for inspection (the pipeline's <c>MaxInspectedBodyBytes</c>).</summary>
    public int MaxInspectedBodyBytes { get; init; } = 64 * 1024;

    /// <summary>Last body bytes kept as well when a body is longer (the pipeline's <c>MaxInspectedBodyTailBytes</c>).</summary>
    public int MaxInspectedBodyTailBytes { get; init; } = 16 * 1024;

    /// <summary>Raw bytes kept as evidence of a rejected request.</summary>
    public int MaxEvidenceBytes { get; init; } = 512;

    /// <summary>Longest JSON line (or HAR file) accepted; a longer line is an input error and is skipped.</summary>
    public int MaxRecordBytes { get; init; } = 64 * 1024 * 1024;
}
