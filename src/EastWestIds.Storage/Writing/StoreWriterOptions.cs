using EastWestIds.Storage.Redaction;

namespace EastWestIds.Storage.Writing;

/// <summary>How the background writer batches, bounds, retries and maintains.</summary>
public sealed record StoreWriterOptions
{
    /// <summary>Most items (alerts and deltas) queued or in the batch being written. Default 10,000.</summary>
    public int MaxQueuedItems { get; init; } = 10_000;

    /// <summary>Most estimated bytes queued or in the batch being written. Default 64 MiB.</summary>
    public long MaxQueuedBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Most items written in one transaction. Default 500.</summary>
    public int MaxBatchItems { get; init; } = 500;

    /// <summary>First wait after a failed write; doubles per failure up to <see cref="RetryMaxDelay"/>. Default 100 ms.</summary>
    public TimeSpan RetryInitialDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait between retries while the store is down. Default 5 s.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often suppression hit counts are written. Default 5 s.</summary>
    public TimeSpan SuppressionHitFlushInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often suppressions made by other replicas are picked up. Default 10 s.</summary>
    public TimeSpan SuppressionRefreshInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retention limits and interval; null turns periodic retention off.</summary>
    public RetentionOptions? Retention { get; init; } = new();

    /// <summary>Redaction before storing (on by default).</summary>
    public RedactionOptions Redaction { get; init; } = new();

    /// <summary>How long disposal waits for the queue to drain. Default 5 s.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(5);

    internal void Validate()
    {
        if (MaxQueuedItems < 1 || MaxQueuedBytes < 1 || MaxBatchItems < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxQueuedItems), "Queue bounds and batch size must be at least 1.");
        }

        if (RetryInitialDelay <= TimeSpan.Zero || RetryMaxDelay < RetryInitialDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryInitialDelay), "Retry delays must be positive, the maximum no less than the first.");
        }
    }
}
