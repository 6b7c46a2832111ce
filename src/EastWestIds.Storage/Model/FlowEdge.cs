namespace EastWestIds.Storage.Model;

/// <summary>
/// One caller → callee edge of the service graph: how many calls got each verdict, how many alerts it raised,
/// and when it was first and last seen. The callee is a <see cref="CalleeKey"/> (<c>ratings.bookinfo</c>): one edge per
/// Service, however its callers spelled the host.
/// </summary>
public sealed record FlowEdge(
    string Caller,
    string Callee,
    VerdictCounts Counts,
    long Alerts,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen);
