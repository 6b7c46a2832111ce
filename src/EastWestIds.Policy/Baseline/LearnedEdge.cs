namespace EastWestIds.Policy.Baseline;

/// <summary>
/// One baseline edge: <paramref name="Caller"/> (a SPIFFE ID, <c>spiffe://…</c>) called <paramref name="Callee"/>
/// (the Service key, <c>reviews.bookinfo</c>: <c>EastWestIds.Identity.Callee.ServiceKey</c>, as the alert store keys
/// suppressions and flow edges; older builds stored <c>reviews.bookinfo.svc.cluster.local</c> or the host as spelled,
/// which <see cref="BaselineLearner.Load"/> normalizes) with
/// <paramref name="Method"/> on <paramref name="PathTemplate"/> (<see cref="PathTemplater"/>), <paramref name="Count"/> times.
/// </summary>
public sealed record LearnedEdge(string Caller, string Callee, string Method, string PathTemplate, long Count);
