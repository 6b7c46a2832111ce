namespace EastWestIds.Host.Api;

/// <summary>
/// One alert with all its evidence. <see cref="RelatedSids"/>: the other sids of the same attack category that matched
/// the request (one alert per attack; the EVE line's <c>mesh.related</c> says where each matched).
/// </summary>
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
    string Outcome, // what the inline proxy did (ModelText): none for a mirror's alerts
    int[] RelatedSids);
