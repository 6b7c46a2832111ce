namespace EastWestIds.Host.Api;

/// <summary>One caller → callee edge of the service graph.</summary>
public sealed record EdgeDto(string Caller, string Callee, VerdictCountsDto Calls, long Alerts, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);
