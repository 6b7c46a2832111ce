using System.Text;
using EastWestIds.Engine.Findings;
using EastWestIds.Identity.Callee;
using EastWestIds.Engine.Inspection;
using EastWestIds.Policy.Baseline;
using EastWestIds.Policy.Evaluation;

namespace EastWestIds.Engine.Baseline;

/// <summary>
/// The learned-baseline stage (issue 4): each request's edge — caller principal → destination service, method, path
/// template — goes to the <see cref="BaselineLearner"/>. While learning, new edges join the baseline; afterwards a new
/// edge raises one <c>new-edge</c> finding (sid 9300020, low severity). Runs after the identity and policy stages,
/// whose caller, callee and verdict it reads; allocates only on a new edge.
/// </summary>
/// <remarks>
/// <para>
/// A request the mesh denies is not learned: a baseline is what the mesh lets through, and learning an attempted
/// lateral move would turn it into a suggested ALLOW. It is still reported as a new edge outside learning. Requests
/// without an attested caller (no XFCC, bad SPIFFE ID) or without a service name make no edge: the identity stage
/// already reports them.
/// </para>
/// <para>
/// The callee is handed over as the host the caller used (<c>-shadow</c> and port already cut by the identity stage);
/// the learner keys it by <see cref="ServiceKey"/>, the Service (<c>ratings.bookinfo</c>) however it was spelled, the
/// same key the alert store gives suppressions and flow edges. Spelling the same Service differently after learning
/// (<c>ratings</c> then <c>ratings.bookinfo.svc.cluster.local</c>) is therefore no new edge. IP literals make no edge
/// (pod IPs churn; the identity stage judges direct IP calls), nor does a short name whose caller has no Istio
/// namespace to resolve it in.
/// </para>
/// </remarks>
public sealed class BaselineInspector
{
    private readonly BaselineLearner _learner;
    private readonly BaselineMetrics _metrics;

    public BaselineInspector(BaselineLearner learner, BaselineMetrics metrics, InspectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(options);
        _learner = learner;
        _metrics = metrics;
    }

    public BaselineLearner Learner => _learner;

    public void Inspect(MirroredRequest request, InspectionContext context)
    {
        ref readonly var caller = ref context.Caller;
        ref readonly var callee = ref context.Callee;
        if (!caller.IsKnown || !callee.IsKnown || callee.Authority.IsIpLiteral
            || request.Rejection != Http.Http1.RequestRejectionReason.None)
        {
            return;
        }

        if (callee.Authority.NamespaceFromCaller && caller.Namespace(request).IsEmpty)
        {
            return; // a short name with nothing to resolve it in: not a Service we could name
        }

        var deniedByMesh = context.Policy.Judged && context.Policy.Verdict.Kind == VerdictKind.Denied;
        if (deniedByMesh && _learner.IsLearning)
        {
            return;
        }

        var host = callee.Host(request);
        var outcome = _learner.Observe(caller.Principal(request), host, request.Method, PathOf(request, callee));
        switch (outcome)
        {
            case EdgeObservation.NewEdge:
                _metrics.NewEdge();
                context.Add(BuiltInSignatures.NewEdge, Detail(request, context, host));
                break;
            case EdgeObservation.Overflow:
                _metrics.Overflow();
                if (!_learner.IsLearning && _learner.TryClaimOverflowReport())
                {
                    context.Add(BuiltInSignatures.BaselineFull, $"the baseline holds {_learner.MaxEdges} edges (--baseline-max-edges); new edges from now on are counted in eastwestids_baseline_overflow_total, not reported");
                }

                break;
        }
    }

    /// <summary>The finding's text (a new edge only, once per edge): the edge as the baseline keys it, and the host as used.</summary>
    private static string Detail(MirroredRequest request, InspectionContext context, ReadOnlySpan<byte> host)
    {
        var principal = context.Caller.Principal(request);
        var key = new byte[ServiceKey.MaxLength(principal.Length, host.Length)];
        var service = Encoding.ASCII.GetString(key, 0, ServiceKey.Write(principal, host, key));
        var asUsed = service.Equals(Encoding.ASCII.GetString(host), StringComparison.Ordinal) ? string.Empty : $" (host {Encoding.ASCII.GetString(host)})";
        Span<byte> template = stackalloc byte[PathTemplater.MaxTemplateBytes];
        PathTemplater.TryTemplate(PathOf(request, context.Callee), template, out var written);
        var text = $"new edge: {Encoding.ASCII.GetString(principal)} → {service}{asUsed} {InspectionContext.EvidenceText(request.Method, BaselineLearner.MaxMethodBytes)} {Encoding.Latin1.GetString(template[..written])}";
        return context.Policy.Judged ? $"{text}; policy verdict {Authorization.PolicyOutcome.Label(context.Policy.Verdict.Kind)}" : text;
    }

    /// <summary>The origin-form path, also for an absolute-form target (the authority cut off).</summary>
    private static ReadOnlySpan<byte> PathOf(MirroredRequest request, in CalleeIdentity callee)
    {
        if (!callee.FromTarget)
        {
            return request.Target;
        }

        var path = request.Target[(callee.TargetAuthorityStart + callee.TargetAuthorityLength)..];
        return path.IsEmpty ? "/"u8 : path;
    }
}
