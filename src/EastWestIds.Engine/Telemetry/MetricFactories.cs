using Prometheus;

namespace EastWestIds.Engine.Telemetry;

/// <summary>The metric factory every ewids metric is created with.</summary>
public static class MetricFactories
{
    /// <summary>
    /// A factory for <paramref name="registry"/> whose metrics record no exemplars.
    /// </summary>
    /// <remarks>
    /// prometheus-net attaches an exemplar (the trace and span id of <c>Activity.Current</c>) to every counter increment
    /// and histogram observation unless told otherwise, and ASP.NET Core starts an Activity for every request whenever
    /// logging is on. So the metric updates a proxied request makes on its own flow looked up the Activity, formatted
    /// its ids and swapped a pooled exemplar: 4,300 of the 57,000 instructions <c>ewids proxy</c> added to a mesh GET under
    /// callgrind (bench/README.md, "Inline proxy load test"). ewids exports no traces, so those ids pointed nowhere.
    /// </remarks>
    public static IMetricFactory For(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Metrics.WithCustomRegistry(registry);
        factory.ExemplarBehavior = ExemplarBehavior.NoExemplars();
        return factory;
    }
}
