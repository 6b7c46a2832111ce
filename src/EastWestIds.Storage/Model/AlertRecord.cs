using EastWestIds.Core;
using EastWestIds.Core.Findings;

namespace EastWestIds.Storage.Model;

/// <summary>
/// One alert as the store keeps it: what fired (sid, rev, message, category, severity, family), who called whom,
/// the verdict and the policy behind it, the request, the evidence and the EVE JSON line as it was emitted.
/// Transport-agnostic: the host builds it from whatever found the alert; the store never looks inside a request.
/// </summary>
/// <remarks>
/// <see cref="Id"/> is 0 until the store assigns one. <see cref="Triage"/> is <see cref="TriageInfo.New"/> on
/// ingest and is only changed through <see cref="IAlertStore.SetTriageAsync"/>. <see cref="Redacted"/> says
/// whether secrets were removed (and marked) before storing.
/// </remarks>
public sealed record AlertRecord
{
    public long Id { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public required int Sid { get; init; }

    /// <summary>
    /// The other sids of the same attack category that matched the same request, best ranked first: the sensor raises
    /// one alert per attack and lists the rest here (EVE <c>alert.metadata.ewids_related_sids</c>). Empty when none.
    /// </summary>
    public IReadOnlyList<int> RelatedSids { get; init; } = [];

    public int Rev { get; init; } = 1;

    public required string Message { get; init; }

    public string Category { get; init; } = "";

    public Severity Severity { get; init; } = Severity.Medium;

    public FindingFamily Family { get; init; } = FindingFamily.Attack;

    public CallerInfo Caller { get; init; } = CallerInfo.Unknown;

    public CalleeInfo Callee { get; init; } = CalleeInfo.Unknown;

    public PolicyDecision Policy { get; init; } = PolicyDecision.None;

    /// <summary>The EVE <c>flow_id</c> (per connection).</summary>
    public long? FlowId { get; init; }

    /// <summary>The Community ID (<c>1:…</c>) of the connection, when known.</summary>
    public string? CommunityId { get; init; }

    public RequestInfo Request { get; init; } = RequestInfo.Empty;

    public AlertEvidence? Evidence { get; init; }

    /// <summary>The EVE JSON line as emitted (no trailing newline), or null.</summary>
    public string? EveJson { get; init; }

    public bool Redacted { get; init; }

    public TriageInfo Triage { get; init; } = TriageInfo.New;

    /// <summary>What the inline proxy did with the request (<see cref="AlertOutcome.None"/> for a mirror's alerts).</summary>
    public AlertOutcome Outcome { get; init; } = AlertOutcome.None;

    /// <summary>A cheap upper bound of the memory this record holds while queued, for the writer's byte bound.</summary>
    internal long EstimatedBytes()
    {
        long chars = Message.Length + Category.Length
            + Caller.Principal.Length + Caller.Namespace.Length + Caller.ServiceAccount.Length + Caller.Workload.Length
            + Callee.Service.Length + Callee.Namespace.Length
            + (Policy.PolicyName?.Length ?? 0) + (Policy.Rule?.Length ?? 0) + (CommunityId?.Length ?? 0)
            + Request.RequestLine.Length + Request.Method.Length + Request.Host.Length + Request.Path.Length
            + (Request.BodyExcerpt?.Length ?? 0) + (EveJson?.Length ?? 0);
        foreach (var header in Request.Headers)
        {
            chars += header.Name.Length + header.Value.Length + 16;
        }

        if (Evidence is not null)
        {
            chars += Evidence.Buffer.Length + Evidence.Excerpt.Length;
        }

        // two bytes per char plus the objects themselves
        return (chars * 2) + 512 + (RelatedSids.Count * 4L);
    }
}
