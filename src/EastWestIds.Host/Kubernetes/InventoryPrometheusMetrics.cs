using EastWestIds.Engine.Telemetry;
using EastWestIds.Kubernetes.Inventory;
using Prometheus;

namespace EastWestIds.Host.Kubernetes;

/// <summary>
/// The live inventory's metrics on the admin port's <c>/metrics</c>. <see cref="InventoryMetrics"/> keeps plain
/// counters (the Kubernetes library does not depend on an exporter); they are copied into the registry just before
/// each scrape. Durations are observed per rebuild and per compile, as they happen. Labels are the resource's plural
/// name and the restart reason: closed sets, never object names.
/// </summary>
internal sealed class InventoryPrometheusMetrics
{
    private readonly Counter _watchRestarts;
    private readonly Counter _rebuilds;
    private readonly Gauge _objects;
    private readonly Gauge _malformed;
    private readonly Gauge _ready;
    private readonly Histogram _rebuildDuration;
    private readonly Counter.Child _publishSucceeded;
    private readonly Counter.Child _publishFailed;
    private readonly Histogram _compileDuration;

    public InventoryPrometheusMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = MetricFactories.For(registry);
        _watchRestarts = factory.CreateCounter(
            "eastwestids_k8s_watch_restarts_total",
            "Times a list/watch of a resource started again, by why: closed (server timeout), error (backoff), gone (410: listed again), silent (no event or bookmark for too long).",
            new CounterConfiguration { LabelNames = ["resource", "reason"] });
        _rebuilds = factory.CreateCounter(
            "eastwestids_k8s_inventory_rebuilds_total",
            "Complete inventory snapshots built from the watched objects and published.");
        _rebuildDuration = factory.CreateHistogram(
            "eastwestids_k8s_inventory_rebuild_duration_seconds",
            "Time to build one inventory snapshot from the watched objects.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0001, 4, 10) });
        _objects = factory.CreateGauge(
            "eastwestids_k8s_inventory_objects",
            "Objects the informers hold now, by resource.",
            new GaugeConfiguration { LabelNames = ["resource"] });
        _malformed = factory.CreateGauge(
            "eastwestids_k8s_inventory_malformed_objects",
            "Objects the last rebuild could not read and left out of the snapshot.");
        _ready = factory.CreateGauge(
            "eastwestids_k8s_inventory_ready",
            "1 once every resource has been listed and a policy snapshot from them is in force, else 0.");
        var publishes = factory.CreateCounter(
            "eastwestids_k8s_policy_publishes_total",
            "Policy snapshots compiled from a new inventory snapshot, by result; a failure keeps the last good one in force.",
            new CounterConfiguration { LabelNames = ["result"] });
        _publishSucceeded = publishes.WithLabels("success");
        _publishFailed = publishes.WithLabels("failure");
        _compileDuration = factory.CreateHistogram(
            "eastwestids_k8s_policy_compile_duration_seconds",
            "Time to compile the AuthorizationPolicies of one inventory snapshot.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0001, 4, 10) });
        registry.AddBeforeCollectCallback(Collect);
    }

    /// <summary>The inventory read before each scrape; set once it exists.</summary>
    public LiveInventory? Inventory { get; set; }

    /// <summary>Whether the policy stage has a snapshot from the cluster, read before each scrape.</summary>
    public Func<bool> IsReady { get; set; } = static () => false;

    public void Rebuilt(TimeSpan duration) => _rebuildDuration.Observe(duration.TotalSeconds);

    public void Published(TimeSpan compileDuration)
    {
        _compileDuration.Observe(compileDuration.TotalSeconds);
        _publishSucceeded.Inc();
    }

    public void PublishFailed() => _publishFailed.Inc();

    private void Collect()
    {
        _ready.Set(IsReady() ? 1 : 0);
        if (Inventory is not { } inventory)
        {
            return;
        }

        var resources = inventory.Resources.ToDictionary(r => r.Kind, r => r.Resource, StringComparer.Ordinal);
        foreach (var ((kind, reason), count) in inventory.Metrics.WatchRestarts)
        {
            _watchRestarts.WithLabels(resources.GetValueOrDefault(kind, kind), Label(reason)).IncTo(count);
        }

        _rebuilds.IncTo(inventory.Metrics.Rebuilds);
        _malformed.Set(inventory.Metrics.MalformedObjects);
        foreach (var (resource, count) in inventory.ObjectCounts())
        {
            _objects.WithLabels(resource.Resource).Set(count);
        }
    }

    private static string Label(WatchRestartReason reason) => reason switch
    {
        WatchRestartReason.Closed => "closed",
        WatchRestartReason.Error => "error",
        WatchRestartReason.Gone => "gone",
        WatchRestartReason.Silent => "silent",
        _ => "other",
    };
}
