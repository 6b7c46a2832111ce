using System.Collections.Concurrent;

namespace EastWestIds.Kubernetes.Inventory;

/// <summary>Why an informer started its watch again.</summary>
public enum WatchRestartReason
{
    /// <summary>The server ended the stream (its watch timeout): reconnect from the last version.</summary>
    Closed,

    /// <summary>The connection broke or the request failed: reconnect after a backoff.</summary>
    Error,

    /// <summary>410 Gone: the version is compacted away; list again.</summary>
    Gone,

    /// <summary>No event and no bookmark within the silence timeout: the stream is taken as dead.</summary>
    Silent,
}

/// <summary>
/// The live inventory's counters, plain so the host can export them (e.g. to Prometheus) without this library
/// depending on an exporter. Thread-safe.
/// </summary>
public sealed class InventoryMetrics
{
    private readonly ConcurrentDictionary<(string Kind, WatchRestartReason Reason), long> _restarts = new();
    private long _rebuilds;
    private long _rebuildTicks;
    private long _lastRebuildTicks;
    private long _lastMalformed;

    /// <summary>Watch restarts by kind and reason.</summary>
    public IReadOnlyDictionary<(string Kind, WatchRestartReason Reason), long> WatchRestarts => new Dictionary<(string, WatchRestartReason), long>(_restarts);

    /// <summary>Snapshots built and published.</summary>
    public long Rebuilds => Interlocked.Read(ref _rebuilds);

    /// <summary>Time spent building snapshots, in total.</summary>
    public TimeSpan RebuildTime => TimeSpan.FromTicks(Interlocked.Read(ref _rebuildTicks));

    /// <summary>How long the last rebuild took.</summary>
    public TimeSpan LastRebuildDuration => TimeSpan.FromTicks(Interlocked.Read(ref _lastRebuildTicks));

    /// <summary>Objects the mapper refused in the last rebuild (they are left out of the snapshot).</summary>
    public long MalformedObjects => Interlocked.Read(ref _lastMalformed);

    /// <summary>Restarts of one kind for one reason.</summary>
    public long Restarts(string kind, WatchRestartReason reason) => _restarts.GetValueOrDefault((kind, reason));

    internal void WatchRestarted(string kind, WatchRestartReason reason) => _restarts.AddOrUpdate((kind, reason), 1, (_, n) => n + 1);

    internal void Rebuilt(TimeSpan duration, int malformed)
    {
        Interlocked.Increment(ref _rebuilds);
        Interlocked.Add(ref _rebuildTicks, duration.Ticks);
        Interlocked.Exchange(ref _lastRebuildTicks, duration.Ticks);
        Interlocked.Exchange(ref _lastMalformed, malformed);
    }
}
