using System.Diagnostics;
using EastWestIds.Engine.Alerts;
using EastWestIds.Engine.Findings;
using EastWestIds.Engine.Signatures;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Http.Http1;

namespace EastWestIds.Engine.Inspection;

/// <summary>
/// The one inspection pipeline every ingest feeds (mirror port, inline proxy, offline scan): protocol findings,
/// identity, signatures (when a rule set is given), then output. Later stages (policies) plug in before output.
/// It holds no per-request state itself; a <see cref="WorkerState"/> per worker does.
/// </summary>
public sealed class InspectionPipeline
{
    private readonly InspectionOptions _options;
    private readonly IdentityInspector _identity;
    private readonly PolicyInspector? _policy;
    private readonly Baseline.BaselineInspector? _baseline;
    private readonly IAlertWriter _output;
    private readonly IdsMetrics _metrics;
    private readonly SignatureInspector? _signatures;

    // The alert store's seam (null when the output is EVE only): suppression, the request behind each alert, edges.
    private readonly IRequestAlertSink? _sink;

    public InspectionPipeline(InspectionOptions options, IAlertWriter output, IdsMetrics metrics, SignatureSetHolder? signatures = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(metrics);
        _options = options;
        _identity = new IdentityInspector(options);
        _policy = options.Policies is { } policies ? new PolicyInspector(policies, new PolicyMetrics(metrics.Registry, options.MaxPolicyEdges), options) : null;
        _baseline = options.Baseline is { } learner ? new Baseline.BaselineInspector(learner, new Baseline.BaselineMetrics(metrics.Registry, learner), options) : null;
        _output = output;
        _sink = output as IRequestAlertSink;
        _metrics = metrics;
        _signatures = signatures is null ? null : new SignatureInspector(signatures, metrics, options.ApplyAlertThresholds);
    }

    /// <summary>The signature set in force, or null when the pipeline runs without signatures.</summary>
    public SignatureSetHolder? Signatures => _signatures?.Signatures;

    public InspectionOptions Options => _options;

    /// <summary>Makes the per-worker state this pipeline needs.</summary>
    public WorkerState CreateWorkerState() =>
        new(new InspectionContext(), new EveJsonFormatter(_options.ClusterDomain), _signatures is null ? null : new SignatureWorker());

    /// <summary>Analyses one request and writes its alerts (and its http record when enabled).</summary>
    public void Inspect(MirroredRequest request, WorkerState state)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = state.Context;
        var started = Stopwatch.GetTimestamp();
        context.Reset();

        if (request.Rejection != RequestRejectionReason.None)
        {
            context.Add(ProtocolFindings.For(request.Rejection), InspectionContext.EvidenceText(request.RawEvidence, _options.MaxEvidenceBytes));
        }
        else if (request.Stall is { } stall)
        {
            context.Add(
                stall == StallKind.Head ? BuiltInSignatures.SlowHead : BuiltInSignatures.StalledBody,
                request.RawEvidence.IsEmpty ? null : InspectionContext.EvidenceText(request.RawEvidence, _options.MaxEvidenceBytes));
        }

        if (request.HasHead)
        {
            _identity.Inspect(request, context);
            _policy?.Inspect(request, context);
            _baseline?.Inspect(request, context);
        }

        var identityDone = Stopwatch.GetTimestamp();
        _metrics.StageCompleted(InspectionStage.Identity, Stopwatch.GetElapsedTime(started, identityDone).TotalSeconds);

        // Rejected requests were not framed (their "head" may be half a header block): no buffers to decode.
        if (_signatures is not null && state.Signatures is not null && request.HasHead && request.Rejection == RequestRejectionReason.None)
        {
            _signatures.Inspect(request, context, state.Signatures);
            var signaturesDone = Stopwatch.GetTimestamp();
            _metrics.StageCompleted(InspectionStage.Signatures, Stopwatch.GetElapsedTime(identityDone, signaturesDone).TotalSeconds);
            identityDone = signaturesDone;
        }

        var findings = context.Findings;
        for (var i = 0; i < findings.Count; i++)
        {
            var finding = findings[i];
            if (_sink is not null && _sink.IsSuppressed(request, context, finding))
            {
                // A known false positive: the sink counts it, no alert is raised. Suppressions are per sid, so a
                // collapsed finding whose winner is suppressed still alerts with its best unsuppressed sibling.
                if (finding.Related is null || MatchCollapser.WithoutSuppressed(finding, _sink, request, context) is not { } rest)
                {
                    continue;
                }

                finding = rest;
            }

            _metrics.AlertRaised(finding.Signature.Family, finding.Signature.Severity);
            _metrics.SignatureMatched(finding.Signature);
            if (finding.Related is { } related)
            {
                // Rule authors tune by the per-sid counter: every sid that matched counts, not only the one alerted.
                foreach (var other in related)
                {
                    _metrics.SignatureMatched(other.Signature);
                }
            }
            var line = state.Formatter.FormatAlert(request, context, finding);
            if (_sink is not null)
            {
                _sink.OnAlert(request, context, finding, line);
            }
            else
            {
                _output.Write(line);
            }
        }

        if (_options.EmitHttpRecords && request.HasHead)
        {
            _output.Write(state.Formatter.FormatHttp(request, context));
        }

        _sink?.OnAnalysed(request, context);
        var done = Stopwatch.GetTimestamp();
        _metrics.StageCompleted(InspectionStage.Output, Stopwatch.GetElapsedTime(identityDone, done).TotalSeconds);
        _metrics.StageCompleted(InspectionStage.Total, Stopwatch.GetElapsedTime(started, done).TotalSeconds);
        _metrics.RequestAnalysed(request.Ingest);
        if (request.BodyTruncated)
        {
            _metrics.BodyBytesUninspected(request.BodyUninspected);
        }
    }

    /// <summary>What one analysis worker reuses from request to request.</summary>
    public sealed record WorkerState(InspectionContext Context, EveJsonFormatter Formatter, SignatureWorker? Signatures = null);
}
