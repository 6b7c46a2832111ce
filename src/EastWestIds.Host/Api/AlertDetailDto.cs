namespace EastWestIds.Host.Api;

/// <summary>One alert with all its evidence.</summary>
public sealed record AlertDetailDto(
    long Id,
    DateTimeOffset Timestamp,
    int Sid,
    int Rev,
    string Message,
    string Category,
    string Severity,
    string Family,
    CallerDto Caller,
    CalleeDto Callee,
    PolicyDto Policy,
    long? FlowId,
    string? CommunityId,
    RequestDto Request,
    EvidenceDto? Evidence,
    string? Eve,
    bool Redacted,
    TriageDto Triage,
    string Outcome); // what the inline proxy did (AlertOutcomeText): none for a mirror's alerts
