using EastWestIds.Core;
using EastWestIds.Core.Findings;
using EastWestIds.Storage.Model;

namespace EastWestIds.Storage.Tests.Fixtures;

/// <summary>Alerts for tests: realistic fields, every one settable.</summary>
internal static class TestAlerts
{
    public static readonly DateTimeOffset BaseTime = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public static AlertRecord Make(
        int sid = 9300001,
        DateTimeOffset? at = null,
        string caller = "spiffe://cluster.local/ns/default/sa/productpage",
        string callee = "reviews.default.svc.cluster.local",
        Severity severity = Severity.High,
        string category = "Web Application Attack",
        AlertVerdict verdict = AlertVerdict.None,
        FindingFamily family = FindingFamily.Attack,
        string path = "/reviews/0?q=1",
        IReadOnlyList<HeaderField>? headers = null,
        string? body = null,
        AlertEvidence? evidence = null,
        string? eve = null)
        => new()
        {
            Timestamp = at ?? BaseTime,
            Sid = sid,
            Rev = 2,
            Message = $"EWIDS test rule {sid}",
            Category = category,
            Severity = severity,
            Family = family,
            Caller = new CallerInfo(caller, "default", "productpage", "productpage-v1"),
            Callee = new CalleeInfo(callee, "default", 9080),
            Policy = verdict == AlertVerdict.None ? PolicyDecision.None : new PolicyDecision(verdict, "default/reviews-viewer", "rules[0]"),
            FlowId = 1234567,
            CommunityId = "1:abcdefghijklmnopqrstuvwxyz0=",
            Request = new RequestInfo($"GET {path} HTTP/1.1", "GET", "reviews:9080", path, headers ?? [new HeaderField("user-agent", "curl/8.0")], body),
            Evidence = evidence,
            EveJson = eve ?? $$$"""{"timestamp":"2026-11-01T12:00:00.000000+0000","event_type":"alert","alert":{"signature_id":{{{sid}}},"signature":"EWIDS test rule {{{sid}}}"},"http":{"url":"{{{JsonString(path)}}}"}}""",
        };

    private static string JsonString(string text) => System.Text.Json.JsonSerializer.Serialize(text)[1..^1];
}
