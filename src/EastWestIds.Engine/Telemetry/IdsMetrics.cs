using EastWestIds.Core;
using EastWestIds.Core.Findings;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Signatures;
using EastWestIds.Http.Http1;
using Prometheus;

namespace EastWestIds.Engine.Telemetry;

/// <summary>
/// Every metric of the process, one instance per process (tests make their own with their own registry).
/// Labelled children for enum-valued labels are resolved once into arrays indexed by the enum, so the
/// hot path does an array index and an interlocked add. Label values come from our enums only, never from
/// request bytes (DESIGN.md "Metrics").
/// </summary>
public sealed class IdsMetrics
{
    private readonly Counter.Child[] _received;          // [ingest * 2 + protocol]
    private readonly Counter.Child[] _analysed;          // [ingest]
    private readonly Counter.Child[] _rejected;          // [reason]
    private readonly Counter.Child[] _shed;              // [reason]
    private readonly Counter.Child[] _connectionsEnded;  // [reason]
    private readonly Counter.Child[] _alerts;            // [family * 5 + severity-1]
    private readonly Histogram.Child[] _stageDuration;   // [stage]
    private readonly Counter _uninspectedBodyBytes;
    private readonly Counter _alertsNotWritten;
    private readonly Gauge _queueDepth;
    private readonly Counter _pcreTimeouts;
    private readonly Counter _thresholdSuppressed;
    private readonly Counter _matchBudgetExhausted;
    private readonly Counter.Child _reloadSucceeded;
    private readonly Counter.Child _reloadFailed;
    private readonly Gauge _rulesLoaded;
    private readonly Gauge _rulesSkipped;
    private readonly SignatureMatchCounter _signatureMatches;

    public IdsMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        var factory = MetricFactories.For(registry);

        var received = factory.CreateCounter(
            "eastwestids_requests_received_total",
            "Requests received, by how they arrived and their protocol.",
            ["ingest", "protocol"]);
        _received = new Counter.Child[3 * 2];
        foreach (var ingest in Enum.GetValues<IngestKind>())
        {
            _received[(int)ingest * 2] = received.WithLabels(Label(ingest), "http1");
            _received[(int)ingest * 2 + 1] = received.WithLabels(Label(ingest), "http2");
        }

        var analysed = factory.CreateCounter(
            "eastwestids_requests_analysed_total",
            "Requests that went through the whole inspection pipeline.",
            ["ingest"]);
        _analysed = Enum.GetValues<IngestKind>().Select(i => analysed.WithLabels(Label(i))).ToArray();

        var rejected = factory.CreateCounter(
            "eastwestids_http_rejected_total",
            "Requests refused as malformed, oversized or smuggling-shaped, by reason.",
            ["reason"]);
        _rejected = ByEnum<RequestRejectionReason, Counter.Child>(r => rejected.WithLabels(r.Label()));

        var shed = factory.CreateCounter(
            "eastwestids_analysis_shed_total",
            "Requests received but not analysed, by reason.",
            ["reason"]);
        _shed = ByEnum<ShedReason, Counter.Child>(r => shed.WithLabels(Label(r)));

        var ended = factory.CreateCounter(
            "eastwestids_connections_closed_total",
            "Mirror connections closed, by why they ended.",
            ["reason"]);
        _connectionsEnded = ByEnum<ConnectionEndReason, Counter.Child>(r => ended.WithLabels(Label(r)));

        var alerts = factory.CreateCounter(
            "eastwestids_alerts_total",
            "Alerts raised, by category and severity.",
            ["category", "severity"]);
        _alerts = new Counter.Child[5 * 4];
        foreach (var family in Enum.GetValues<FindingFamily>())
        {
            foreach (var severity in Enum.GetValues<Severity>())
            {
                _alerts[AlertIndex(family, severity)] = alerts.WithLabels(family.Label(), severity.Label());
            }
        }

        var duration = factory.CreateHistogram(
            "eastwestids_inspection_duration_seconds",
            "Time spent analysing one request, by pipeline stage.",
            new HistogramConfiguration
            {
                LabelNames = ["stage"],
                // 1 µs to about 16 ms: analysis of one request lives in this range.
                Buckets = Histogram.ExponentialBuckets(0.000001, 2, 15),
            });
        _stageDuration = ByEnum<InspectionStage, Histogram.Child>(s => duration.WithLabels(Label(s)));

        _uninspectedBodyBytes = factory.CreateCounter(
            "eastwestids_body_uninspected_bytes_total",
            "Request body bytes past the inspection budget: drained (mirror) or forwarded (inline) without being analysed.");
        _alertsNotWritten = factory.CreateCounter(
            "eastwestids_alerts_not_written_total",
            "Alerts or records that could not be written to the EVE output.");
        _pcreTimeouts = factory.CreateCounter(
            "eastwestids_signature_pcre_timeouts_total",
            "Backtracking pcre evaluations stopped by the match timeout (each counted as no match).");
        _thresholdSuppressed = factory.CreateCounter(
            "eastwestids_signature_threshold_suppressed_total",
            "Rule matches that raised no alert because of the rule's threshold or detection_filter.");
        _matchBudgetExhausted = factory.CreateCounter(
            "eastwestids_signature_match_budget_exhausted_total",
            "Rule evaluations that gave up because their relative-match retry budget was spent.");
        var reloads = factory.CreateCounter(
            "eastwestids_signature_reloads_total",
            "Signature reloads by result; a failed reload keeps the previous rule set.",
            new CounterConfiguration { LabelNames = ["result"] });
        _reloadSucceeded = reloads.WithLabels("success");
        _reloadFailed = reloads.WithLabels("failure");
        _rulesLoaded = factory.CreateGauge(
            "eastwestids_signature_rules",
            "Rules in the signature set in force.");
        _rulesSkipped = factory.CreateGauge(
            "eastwestids_signature_rules_skipped",
            "Rules of the rule files that the set in force skipped: for other protocols, reading responses, needing state across requests, or using keywords not implemented.");
        _queueDepth = factory.CreateGauge(
            "eastwestids_analysis_queue_depth",
            "Requests waiting for analysis.");
        _signatureMatches = new SignatureMatchCounter(factory);
    }

    /// <summary>The registry the metrics live in; <c>/metrics</c> serves it.</summary>
    public CollectorRegistry Registry { get; }

    public void RequestReceived(IngestKind ingest, HttpVersion version)
        => _received[(int)ingest * 2 + (version == HttpVersion.Http2 ? 1 : 0)].Inc();

    public void RequestAnalysed(IngestKind ingest) => _analysed[(int)ingest].Inc();

    public void RequestRejected(RequestRejectionReason reason) => _rejected[(int)reason].Inc();

    public void RequestShed(ShedReason reason) => _shed[(int)reason].Inc();

    public void ConnectionEnded(ConnectionEndReason reason) => _connectionsEnded[(int)reason].Inc();

    public void AlertRaised(FindingFamily family, Severity severity) => _alerts[AlertIndex(family, severity)].Inc();

    /// <summary>This signature matched in an alerted request (as the alert's rule or a related one): counts it in <c>eastwestids_signature_matches_total</c>.</summary>
    public void SignatureMatched(SignatureInfo signature) => _signatureMatches.Matched(signature);

    public void StageCompleted(InspectionStage stage, double seconds) => _stageDuration[(int)stage].Observe(seconds);

    public void BodyBytesUninspected(long bytes) => _uninspectedBodyBytes.Inc(bytes);

    public void AlertNotWritten() => _alertsNotWritten.Inc();

    public void QueueDepthChanged(int depth) => _queueDepth.Set(depth);

    public void PcreTimedOut(int count) => _pcreTimeouts.Inc(count);

    /// <summary>A rule matched, and its threshold or detection_filter said no alert.</summary>
    public void ThresholdSuppressed() => _thresholdSuppressed.Inc();

    public void MatchBudgetExhausted(int count) => _matchBudgetExhausted.Inc(count);

    /// <summary>A reload finished: counted by result; on success the gauges show the new set's rule and skipped counts.</summary>
    public void SignaturesReloaded(bool succeeded, int rules, int skipped = 0)
    {
        (succeeded ? _reloadSucceeded : _reloadFailed).Inc();
        if (succeeded)
        {
            _rulesLoaded.Set(rules);
            _rulesSkipped.Set(skipped);
        }
    }

    /// <summary>The rule set in force at startup, and how many rules of its files it skipped.</summary>
    public void SignaturesLoaded(int rules, int skipped = 0)
    {
        _rulesLoaded.Set(rules);
        _rulesSkipped.Set(skipped);
    }

    /// <summary>
    /// Shows, at each scrape, how many distinct pcre patterns of the set in force <paramref name="signatures"/> holds
    /// are built (<c>eastwestids_signature_patterns{state}</c>): the built ones hold most of the rule set's memory, and
    /// with <c>--rules-warm-up false</c> this is how an operator sees which share traffic has needed.
    /// </summary>
    public void TrackSignaturePatterns(SignatureSetHolder signatures)
    {
        var patterns = MetricFactories.For(Registry).CreateGauge(
            "eastwestids_signature_patterns",
            "Distinct pcre patterns of the signature set in force, by state: built (by a request or the warm-up) or not yet.",
            new GaugeConfiguration { LabelNames = ["state"] });
        var built = patterns.WithLabels("built");
        var unbuilt = patterns.WithLabels("unbuilt");
        Registry.AddBeforeCollectCallback(() =>
        {
            var set = signatures.Current;
            int count = set.BuiltPatternCount;
            built.Set(count);
            unbuilt.Set(set.PatternCount - count);
        });
    }

    private static int AlertIndex(FindingFamily family, Severity severity) => (int)family * 4 + ((int)severity - 1);

    private static TChild[] ByEnum<TEnum, TChild>(Func<TEnum, TChild> create)
        where TEnum : struct, Enum
    {
        var values = Enum.GetValues<TEnum>();
        var children = new TChild[values.Max(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)) + 1];
        foreach (var value in values)
        {
            children[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)] = create(value);
        }

        return children;
    }

    private static string Label(IngestKind ingest) => ingest switch
    {
        IngestKind.Mirror => "mirror",
        IngestKind.Inline => "inline",
        _ => "offline",
    };

    private static string Label(ShedReason reason) => reason switch
    {
        ShedReason.QueueFull => "queue_full",
        ShedReason.QueueMemoryFull => "queue_memory_full",
        ShedReason.AnalysisFailed => "analysis_failed",
        _ => "shutting_down",
    };

    private static string Label(InspectionStage stage) => stage switch
    {
        InspectionStage.Identity => "identity",
        InspectionStage.Signatures => "signatures",
        InspectionStage.Output => "output",
        _ => "total",
    };

    private static string Label(ConnectionEndReason reason) => reason switch
    {
        ConnectionEndReason.ClientClosed => "client_closed",
        ConnectionEndReason.TruncatedRequest => "truncated_request",
        ConnectionEndReason.RequestedClose => "requested_close",
        ConnectionEndReason.Rejected => "rejected",
        ConnectionEndReason.HeaderTimeout => "header_timeout",
        ConnectionEndReason.BodyTimeout => "body_timeout",
        ConnectionEndReason.IdleTimeout => "idle_timeout",
        ConnectionEndReason.TransportError => "transport_error",
        ConnectionEndReason.InternalError => "internal_error",
        _ => "server_shutdown",
    };
}
