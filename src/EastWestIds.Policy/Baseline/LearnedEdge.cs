namespace EastWestIds.Policy.Baseline;

/// <summary>
/// One baseline edge: <paramref name="Caller"/> (a SPIFFE ID, <c>spiffe://…</c>) called <paramref name="Callee"/>
/// (Istio's <c>destination_service</c> spelling, <c>reviews.bookinfo.svc.cluster.local</c>) with
/// <paramref name="Method"/> on <paramref name="PathTemplate"/> (<see cref="PathTemplater"/>), <paramref name="Count"/> times.
/// </summary>
public sealed record LearnedEdge(string Caller, string Callee, string Method, string PathTemplate, long Count);
