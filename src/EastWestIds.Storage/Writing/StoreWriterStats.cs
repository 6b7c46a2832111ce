namespace EastWestIds.Storage.Writing;

/// <summary>A snapshot of the writer's counters, for metrics (<c>eastwestids_store_*</c>) and health.</summary>
public sealed record StoreWriterStats(
    long QueuedItems,
    long QueuedBytes,
    long AlertsWritten,
    long ItemsWritten,
    long Batches,
    long WriteErrors,
    long MaintenanceErrors,
    bool StoreAvailable,
    IReadOnlyDictionary<StoreDropReason, long> Dropped)
{
    public long TotalDropped => Dropped.Values.Sum();
}
