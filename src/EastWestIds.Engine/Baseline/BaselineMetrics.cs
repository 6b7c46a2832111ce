using EastWestIds.Policy.Baseline;
using EastWestIds.Engine.Telemetry;
using Prometheus;

namespace EastWestIds.Engine.Baseline;

/// <summary>
/// The baseline's metrics: <c>eastwestids_baseline_edges</c> (edges in the baseline),
/// <c>eastwestids_baseline_learning</c> (1 while learning), <c>eastwestids_baseline_new_edges_total</c> (new edges
/// reported, one per edge) and <c>eastwestids_baseline_overflow_total</c> (requests on new edges the full table could not
/// remember). No labels: edges are unbounded, so they are never label values. The gauges are read from the learner
/// at scrape time, so the request path only touches the counters, and only on a new edge.
/// </summary>
public sealed class BaselineMetrics
{
    private readonly Counter _newEdges;
    private readonly Counter _overflow;

    public BaselineMetrics(CollectorRegistry registry, BaselineLearner learner)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(learner);
        var factory = MetricFactories.For(registry);
        var edges = factory.CreateGauge("eastwestids_baseline_edges", "Edges (caller principal, service, method, path template) in the learned baseline.");
        var learning = factory.CreateGauge("eastwestids_baseline_learning", "1 while the baseline is learning (new edges join it), 0 while it reports new edges.");
        var reported = factory.CreateGauge("eastwestids_baseline_reported_edges", "New edges reported since start and remembered so that each alerts once.");
        _newEdges = factory.CreateCounter("eastwestids_baseline_new_edges_total", "New edges reported as new-edge findings (one per edge, not per request).");
        _overflow = factory.CreateCounter("eastwestids_baseline_overflow_total", "Requests on new edges that the full edge table could neither learn nor remember (see --baseline-max-edges).");
        registry.AddBeforeCollectCallback(() =>
        {
            edges.Set(learner.BaselineEdgeCount);
            learning.Set(learner.IsLearning ? 1 : 0);
            reported.Set(learner.EdgeCount - learner.BaselineEdgeCount);
        });
    }

    public void NewEdge() => _newEdges.Inc();

    public void Overflow() => _overflow.Inc();
}
