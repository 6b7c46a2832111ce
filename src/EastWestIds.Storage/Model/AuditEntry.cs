namespace EastWestIds.Storage.Model;

/// <summary>
/// One line of the append-only audit trail: a triage change (<see cref="AlertId"/> set, from/to states) or a
/// suppression created or deleted (<see cref="SuppressionId"/> set). The store never updates or deletes these;
/// they outlive the alerts retention removes.
/// </summary>
public sealed record AuditEntry(
    long Id,
    long? AlertId,
    long? SuppressionId,
    DateTimeOffset At,
    string Actor,
    string Action,
    TriageState? FromState,
    TriageState? ToState,
    string? Comment);
