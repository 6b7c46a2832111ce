namespace EastWestIds.Storage;

/// <summary>
/// How long alerts are kept. Both limits apply: an alert goes when it is older than <see cref="MaxAge"/> or when
/// more than <see cref="MaxAlerts"/> newer ones exist. Deletion runs in statements of at most <see cref="BatchSize"/>
/// rows so a large backlog never holds a long write lock (SQLite has one writer; replicas share PostgreSQL).
/// </summary>
public sealed record RetentionOptions
{
    /// <summary>Alerts, edges and baseline entries older than this go; null keeps them forever. Default 30 days.</summary>
    public TimeSpan? MaxAge { get; init; } = TimeSpan.FromDays(30);

    /// <summary>At most this many alerts are kept; null for no limit. Default 1,000,000.</summary>
    public long? MaxAlerts { get; init; } = 1_000_000;

    /// <summary>Rows per delete statement. Default 1000.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>Statements per step of a pass (alerts by age, edges, baseline, alerts by count); the rest waits for the next pass. Default 100.</summary>
    public int MaxBatchesPerRun { get; init; } = 100;

    /// <summary>How often the writer runs a pass. Default 5 minutes.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(5);
}
