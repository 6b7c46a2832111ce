using EastWestIds.Core.Findings;
using EastWestIds.Storage.Model;

namespace EastWestIds.Host.Api;

/// <summary>Store records → wire shapes, with the same labels the filters and the CSV export use (<see cref="ModelText"/>).</summary>
internal static class ApiMapping
{
    public static AlertSummaryDto Summary(AlertRecord a) => new(
        a.Id, a.Timestamp, a.Sid, a.Rev, a.Message, a.Category, a.Severity.Label(), a.Family.Label(),
        a.Caller.Principal, a.Callee.Service, a.Policy.Verdict.Label(), a.Request.Method, a.Request.Host, a.Request.Path,
        a.Triage.State.Label(), a.Redacted, a.Outcome.Label(), a.Callee.Name, a.Callee.Namespace);

    public static AlertDetailDto Detail(AlertRecord a) => new(
        a.Id, a.Timestamp, a.Sid, a.Rev, a.Message, a.Category, a.Severity.Label(), a.Family.Label(),
        new CallerDto(a.Caller.Principal, a.Caller.Namespace, a.Caller.ServiceAccount, a.Caller.Workload),
        new CalleeDto(a.Callee.Service, a.Callee.Namespace, a.Callee.Port, a.Callee.Name),
        new PolicyDto(a.Policy.Verdict.Label(), a.Policy.PolicyName, a.Policy.Rule),
        a.FlowId,
        a.CommunityId,
        new RequestDto(a.Request.RequestLine, a.Request.Method, a.Request.Host, a.Request.Path,
            a.Request.Headers.Select(h => new HeaderDto(h.Name, h.Value)).ToArray(), a.Request.BodyExcerpt),
        a.Evidence is { } e ? new EvidenceDto(e.Buffer, e.Excerpt, e.Offset, e.Length) : null,
        a.EveJson,
        a.Redacted,
        Triage(a.Triage),
        a.Outcome.Label(),
        [.. a.RelatedSids]);

    public static TriageDto Triage(TriageInfo t) => new(t.State.Label(), t.Comment, t.Actor, t.At);

    public static AuditDto Audit(AuditEntry e) => new(e.Id, e.AlertId, e.SuppressionId, e.At, e.Actor, e.Action, e.FromState?.Label(), e.ToState?.Label(), e.Comment);

    public static SuppressionDto Suppression(Suppression s) => new(s.Id, s.Sid, s.Caller, s.Callee, s.CreatedAt, s.CreatedBy, s.Comment, s.FromAlertId, s.Hits, s.LastHit);

    public static EdgeDto Edge(FlowEdge e) => new(
        e.Caller, e.Callee,
        new VerdictCountsDto(e.Counts.None, e.Counts.Allowed, e.Counts.Denied, e.Counts.WouldDeny, e.Counts.ExtAuthz, e.Counts.Unprotected, e.Counts.Total),
        e.Alerts, e.FirstSeen, e.LastSeen);
}
