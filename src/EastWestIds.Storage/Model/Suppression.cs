namespace EastWestIds.Storage.Model;

/// <summary>
/// "This sid for this caller → callee is a known false positive": future matches are counted
/// (<see cref="Hits"/>) but not alerted. Caller is the principal and callee the service, exactly as on alerts.
/// </summary>
public sealed record Suppression(
    long Id,
    int Sid,
    string Caller,
    string Callee,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string? Comment,
    long? FromAlertId,
    long Hits,
    DateTimeOffset? LastHit);
