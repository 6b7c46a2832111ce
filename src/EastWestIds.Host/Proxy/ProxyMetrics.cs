using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Telemetry;
using Prometheus;
using Yarp.ReverseProxy.Forwarder;

namespace EastWestIds.Host.Proxy;

/// <summary>
/// The inline proxy's own metrics, in the same registry as <see cref="Engine.Telemetry.IdsMetrics"/> (whose
/// <c>ingest</c> label already tells mirror from inline for received and analysed requests). <c>mode</c> is
/// monitor or enforce. Children for every label value are resolved up front, as in IdsMetrics: the request path
/// does an array index and an interlocked add.
/// </summary>
internal sealed class ProxyMetrics
{
    private readonly Counter.Child[] _outcomes;      // [mode * outcomes + outcome]
    private readonly Counter.Child[] _failures;      // [mode * reasons + reason]
    private readonly Counter.Child[] _forwardErrors; // [ForwarderError]
    private readonly Histogram.Child[] _verdictWait; // [mode]
    private readonly Histogram _inspection;
    private readonly Histogram _batch;
    private readonly Counter _workersAdded;
    private readonly Counter _xfccReplaced;
    private readonly int _outcomeCount = Enum.GetValues<ProxyOutcome>().Length;
    private readonly int _reasonCount = Enum.GetValues<EngineFailureReason>().Length;

    public ProxyMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = MetricFactories.For(registry);
        var modes = Enum.GetValues<ProxyMode>();

        var outcomes = factory.CreateCounter(
            "eastwestids_inline_requests_total",
            "Requests through the inline proxy, by mode and what became of them (forwarded, blocked, would_block, failed_open, failed_closed).",
            ["ingest", "mode", "outcome"]);
        _outcomes = new Counter.Child[modes.Length * _outcomeCount];
        foreach (var mode in modes)
        {
            foreach (var outcome in Enum.GetValues<ProxyOutcome>())
            {
                _outcomes[(int)mode * _outcomeCount + (int)outcome] = outcomes.WithLabels("inline", Label(mode), Label(outcome));
            }
        }

        var failures = factory.CreateCounter(
            "eastwestids_inline_engine_failures_total",
            "Inspections at the inline proxy that gave no verdict, by mode and reason (exception, timeout, overload).",
            ["ingest", "mode", "reason"]);
        _failures = new Counter.Child[modes.Length * _reasonCount];
        foreach (var mode in modes)
        {
            foreach (var reason in Enum.GetValues<EngineFailureReason>())
            {
                _failures[(int)mode * _reasonCount + (int)reason] = failures.WithLabels("inline", Label(mode), Label(reason));
            }
        }

        var forwardErrors = factory.CreateCounter(
            "eastwestids_inline_forward_errors_total",
            "Requests the inline proxy could not forward or answer completely, by YARP's ForwarderError.",
            ["error"]);
        var errors = Enum.GetValues<ForwarderError>();
        _forwardErrors = new Counter.Child[errors.Max(e => (int)e) + 1];
        foreach (var error in errors)
        {
            _forwardErrors[(int)error] = forwardErrors.WithLabels(SnakeCase(error.ToString()));
        }

        var wait = factory.CreateHistogram(
            "eastwestids_inline_verdict_wait_seconds",
            "Time a request waited at the proxy for its verdict (enforce mode; the latency inspection adds), from the end of the inspected body prefix.",
            new HistogramConfiguration
            {
                LabelNames = ["mode"],
                // 1 µs to about 130 ms: a verdict within the default 100 ms timeout lands in a bucket.
                Buckets = Histogram.ExponentialBuckets(0.000001, 2, 18),
            });
        _verdictWait = modes.Select(m => wait.WithLabels(Label(m))).ToArray();

        _inspection = factory.CreateHistogram(
            "eastwestids_inline_inspection_seconds",
            "Time the inspection pipeline took for one proxied request.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.000001, 2, 18) });
        _batch = factory.CreateHistogram(
            "eastwestids_inline_inspection_batch_size",
            "Inspections one worker ran back to back before the queue was empty (larger under load: the rules stay in cache).",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 2, 9) });
        _workersAdded = factory.CreateCounter(
            "eastwestids_inline_inspection_workers_added_total",
            "Inspection workers started because requests were queued and no inspection had finished for a watchdog tick (slow or hung verdicts held the others up).");
        _xfccReplaced = factory.CreateCounter(
            "eastwestids_inline_xfcc_replaced_total",
            "Requests that arrived over mTLS at the proxy with an x-forwarded-client-cert of their own, which was removed (see --trust-xfcc).");
    }

    public void Outcome(ProxyMode mode, ProxyOutcome outcome) => _outcomes[(int)mode * _outcomeCount + (int)outcome].Inc();

    public void EngineFailed(ProxyMode mode, EngineFailureReason reason) => _failures[(int)mode * _reasonCount + (int)reason].Inc();

    public void ForwardFailed(ForwarderError error)
    {
        if ((uint)error < (uint)_forwardErrors.Length && _forwardErrors[(int)error] is { } child)
        {
            child.Inc();
        }
    }

    public void VerdictWaited(ProxyMode mode, double seconds) => _verdictWait[(int)mode].Observe(seconds);

    public void Inspected(double seconds) => _inspection.Observe(seconds);

    public void InspectionBatch(int inspections) => _batch.Observe(inspections);

    public void InspectionWorkerAdded() => _workersAdded.Inc();

    public void XfccReplaced() => _xfccReplaced.Inc();

    internal static string Label(ProxyMode mode) => mode == ProxyMode.Enforce ? "enforce" : "monitor";

    internal static string Label(ProxyOutcome outcome) => outcome switch
    {
        ProxyOutcome.Forwarded => "forwarded",
        ProxyOutcome.Blocked => "blocked",
        ProxyOutcome.WouldBlock => "would_block",
        ProxyOutcome.FailedOpen => "failed_open",
        _ => "failed_closed",
    };

    internal static string Label(EngineFailureReason reason) => reason switch
    {
        EngineFailureReason.Exception => "exception",
        EngineFailureReason.Timeout => "timeout",
        _ => "overload",
    };

    private static string SnakeCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
