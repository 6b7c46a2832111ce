using EastWestIds.Storage;

namespace EastWestIds.Host.Storage;

/// <summary>
/// How the host runs the alert store (<c>--store</c>, <c>--data-dir</c>, <c>--no-redact</c>, <c>--retention-*</c>).
/// </summary>
internal sealed record StoreHostOptions
{
    /// <summary>Which backend and where (parsed by <see cref="StoreSettings.CreateStore"/>).</summary>
    public StoreSettings Settings { get; init; } = new();

    /// <summary>Redact secrets before storing (default on; <c>--no-redact</c> turns it off).</summary>
    public bool Redact { get; init; } = true;

    /// <summary>Alerts older than this are deleted (null: no age limit).</summary>
    public TimeSpan? RetentionMaxAge { get; init; } = TimeSpan.FromDays(30);

    /// <summary>At most this many alerts are kept, newest first (null: no count limit).</summary>
    public long? RetentionMaxAlerts { get; init; } = 1_000_000;

    /// <summary>How often flow-edge counts are handed to the writer.</summary>
    public TimeSpan EdgeFlushInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long start-up waits for the first connection before going on without it (the writer keeps retrying).</summary>
    public TimeSpan InitialConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Body bytes kept with an alert as its excerpt.</summary>
    public int MaxBodyExcerptBytes { get; init; } = 4096;

    /// <summary>Most distinct caller → callee edges counted in memory (past it: the overflow counter).</summary>
    public int MaxEdges { get; init; } = 10_000;
}
