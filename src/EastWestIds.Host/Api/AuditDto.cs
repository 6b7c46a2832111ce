namespace EastWestIds.Host.Api;

/// <summary>One audit entry: a triage change (alertId, fromState, toState) or a suppression created or deleted (suppressionId), by whom and when.</summary>
public sealed record AuditDto(long Id, long? AlertId, long? SuppressionId, DateTimeOffset At, string Actor, string Action, string? FromState, string? ToState, string? Comment);
