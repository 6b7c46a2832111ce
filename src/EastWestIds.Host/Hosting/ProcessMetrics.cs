using Prometheus;

namespace EastWestIds.Host.Hosting;

/// <summary>The process's own figures on <c>/metrics</c>, beside ewids' families.</summary>
internal static class ProcessMetrics
{
    /// <summary>
    /// Adds prometheus-net's process and runtime collectors (<c>process_working_set_bytes</c>,
    /// <c>process_cpu_seconds_total</c>, <c>dotnet_collection_count_total</c> per GC generation,
    /// <c>dotnet_total_memory_bytes</c>, …) to <paramref name="registry"/>. ewids keeps its metrics in a registry of its
    /// own, which has none of them, and they are what an operator sizing a sink or a proxy pod needs: the built rule
    /// set keeps ~470 MiB (bench/README.md, session 7), and a blocking gen2 collection of that heap is a latency spike
    /// that shows only as a step in the gen2 count. Read at scrape time only; nothing on the request path.
    /// Plus <c>dotnet_gc_pause_seconds_total</c>, which prometheus-net lacks: how long collections stopped every
    /// thread, the figure that says whether a latency spike was the collector.
    /// </summary>
    public static void Register(CollectorRegistry registry)
    {
        DotNetStats.Register(registry);
        var pauses = Metrics.WithCustomRegistry(registry).CreateCounter(
            "dotnet_gc_pause_seconds_total", "Time the runtime paused every thread for garbage collections since the process started.");
        registry.AddBeforeCollectCallback(() => pauses.IncTo(GC.GetTotalPauseDuration().TotalSeconds));
    }
}
