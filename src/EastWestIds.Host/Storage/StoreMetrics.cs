using EastWestIds.Engine.Telemetry;
using EastWestIds.Storage.Writing;
using Prometheus;

namespace EastWestIds.Host.Storage;

/// <summary>
/// The alert store's metrics (<c>eastwestids_store_*</c>), read from the writer's counters just before each scrape
/// (the writer counts with interlocked adds; nothing here runs per request), plus suppressed findings and flow-edge
/// overflow, which the request path counts here directly.
/// </summary>
internal sealed class StoreMetrics
{
    private readonly Gauge _queueItems;
    private readonly Gauge _queueBytes;
    private readonly Counter _itemsWritten;
    private readonly Counter _alertsWritten;
    private readonly Counter _writeErrors;
    private readonly Counter _maintenanceErrors;
    private readonly Counter _dropped;
    private readonly Gauge _up;
    private readonly Counter _suppressed;
    private readonly Counter _recordFailed;
    private readonly Counter _edgeOverflow;
    private readonly Gauge _edges;

    public StoreMetrics(CollectorRegistry registry, string kind)
    {
        var factory = MetricFactories.For(registry);
        _queueItems = factory.CreateGauge("eastwestids_store_queue_items", "Items (alerts, edge deltas) waiting for the alert store, including the batch being written.");
        _queueBytes = factory.CreateGauge("eastwestids_store_queue_bytes", "Estimated bytes held by items waiting for the alert store.");
        _itemsWritten = factory.CreateCounter("eastwestids_store_items_written_total", "Items written to the alert store.");
        _alertsWritten = factory.CreateCounter("eastwestids_store_alerts_written_total", "Alerts written to the alert store.");
        _writeErrors = factory.CreateCounter("eastwestids_store_write_errors_total", "Failed alert store writes (each retried, or the refused row dropped).");
        _maintenanceErrors = factory.CreateCounter("eastwestids_store_maintenance_errors_total", "Failed retention passes and suppression refreshes.");
        _dropped = factory.CreateCounter("eastwestids_store_dropped_total", "Items that never reached the alert store, by reason.", ["reason"]);
        _up = factory.CreateGauge("eastwestids_store_up", "1 when the last alert store write (or connection) succeeded, else 0.", ["store"]);
        _suppressed = factory.CreateCounter("eastwestids_alerts_suppressed_total", "Signature matches not alerted because a suppression covers their sid, caller and callee.");
        _recordFailed = factory.CreateCounter("eastwestids_store_records_failed_total", "Alerts that could not be turned into a store record (a bug; the EVE line was still written).");
        _edgeOverflow = factory.CreateCounter("eastwestids_flow_edges_overflow_total", "Calls on new caller-callee edges not counted because the edge cap was reached.");
        _edges = factory.CreateGauge("eastwestids_flow_edges", "Distinct caller-callee edges counted in memory.");
        Kind = kind;

        // Every label value exists from the start, so dashboards and alert rules see zeros rather than no data.
        foreach (var reason in Enum.GetValues<StoreDropReason>())
        {
            _dropped.WithLabels(Label(reason));
        }

        _up.WithLabels(kind).Set(1);
    }

    public string Kind { get; }

    public void Suppressed() => _suppressed.Inc();

    public void RecordFailed() => _recordFailed.Inc();

    /// <summary>Copies the writer's counters (called before each scrape).</summary>
    public void Update(StoreWriterStats stats, bool up, long edgeOverflow, int edges)
    {
        _queueItems.Set(stats.QueuedItems);
        _queueBytes.Set(stats.QueuedBytes);
        _itemsWritten.IncTo(stats.ItemsWritten);
        _alertsWritten.IncTo(stats.AlertsWritten);
        _writeErrors.IncTo(stats.WriteErrors);
        _maintenanceErrors.IncTo(stats.MaintenanceErrors);
        foreach (var (reason, count) in stats.Dropped)
        {
            _dropped.WithLabels(Label(reason)).IncTo(count);
        }

        _up.WithLabels(Kind).Set(up ? 1 : 0);
        _edgeOverflow.IncTo(edgeOverflow);
        _edges.Set(edges);
    }

    public static string Label(StoreDropReason reason) => reason switch
    {
        StoreDropReason.QueueFull => "queue_full",
        StoreDropReason.StoreDown => "store_down",
        StoreDropReason.Rejected => "rejected",
        _ => "stopped",
    };
}
