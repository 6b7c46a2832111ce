using System.Text;
using EastWestIds.Engine.Findings;
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
/// A request the mesh denies is not learned: a baseline is what the mesh lets through, and learning an attempted
/// lateral move would turn it into a suggested ALLOW. It is still reported as a new edge outside learning. Requests
/// without an attested caller (no XFCC, bad SPIFFE ID) or without a service name make no edge: the identity stage
/// already reports them.
/// </remarks>
public sealed class BaselineInspector
{
    private const int MaxCalleeBytes = 255 + 64;

    private readonly BaselineLearner _learner;
    private readonly BaselineMetrics _metrics;
    private readonly byte[] _clusterDomain;

    public BaselineInspector(BaselineLearner learner, BaselineMetrics metrics, InspectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(options);
        _learner = learner;
        _metrics = metrics;
        _clusterDomain = Encoding.ASCII.GetBytes(options.ClusterDomain.ToLowerInvariant());
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

        Span<byte> service = stackalloc byte[MaxCalleeBytes];
        var length = Callee(request, context, service);
        if (length == 0)
        {
            return;
        }

        var deniedByMesh = context.Policy.Judged && context.Policy.Verdict.Kind == VerdictKind.Denied;
        if (deniedByMesh && _learner.IsLearning)
        {
            return;
        }

        var outcome = _learner.Observe(caller.Principal(request), service[..length], request.Method, PathOf(request, callee));
        switch (outcome)
        {
            case EdgeObservation.NewEdge:
                _metrics.NewEdge();
                context.Add(BuiltInSignatures.NewEdge, Detail(request, context, service[..length]));
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

    /// <summary>The edge's callee as Istio spells <c>destination_service</c>: <c>svc.ns.svc.cluster.local</c>, lower case; an external host as it is.</summary>
    private int Callee(MirroredRequest request, InspectionContext context, Span<byte> buffer)
    {
        ref readonly var callee = ref context.Callee;
        var name = callee.Service(request);
        if (callee.Authority.IsExternal)
        {
            return name.Length <= buffer.Length ? Ascii.ToLowerInPlace(name, buffer) : 0;
        }

        var ns = callee.Namespace(request, context.Caller);
        var length = name.Length + 1 + ns.Length + 5 + _clusterDomain.Length;
        if (name.IsEmpty || ns.IsEmpty || length > buffer.Length)
        {
            return 0;
        }

        var at = Ascii.ToLowerInPlace(name, buffer);
        buffer[at++] = (byte)'.';
        at += Ascii.ToLowerInPlace(ns, buffer[at..]);
        ".svc."u8.CopyTo(buffer[at..]);
        at += 5;
        _clusterDomain.CopyTo(buffer[at..]);
        return at + _clusterDomain.Length;
    }

    private static string Detail(MirroredRequest request, InspectionContext context, ReadOnlySpan<byte> callee)
    {
        Span<byte> template = stackalloc byte[PathTemplater.MaxTemplateBytes];
        PathTemplater.TryTemplate(PathOf(request, context.Callee), template, out var written);
        var text = $"new edge: {Encoding.ASCII.GetString(context.Caller.Principal(request))} → {Encoding.ASCII.GetString(callee)} {InspectionContext.EvidenceText(request.Method, BaselineLearner.MaxMethodBytes)} {Encoding.Latin1.GetString(template[..written])}";
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

    private static class Ascii
    {
        public static int ToLowerInPlace(ReadOnlySpan<byte> source, Span<byte> destination)
        {
            System.Text.Ascii.ToLower(source, destination, out var written);
            return written;
        }
    }
}
