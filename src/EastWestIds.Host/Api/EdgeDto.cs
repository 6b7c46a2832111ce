namespace EastWestIds.Host.Api;

/// <summary>One caller → callee edge of the service graph; the callee is the Service as <c>name.namespace</c> (a valid <c>callee</c> filter).</summary>
public sealed record EdgeDto(string Caller, string Callee, VerdictCountsDto Calls, long Alerts, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);
