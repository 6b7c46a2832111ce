namespace EastWestIds.Storage.Model;

/// <summary>
/// "This sid for this caller → callee is a known false positive": future matches are counted
/// (<see cref="Hits"/>) but not alerted. Caller is the principal, exactly as on alerts; callee is the Service as a
/// <see cref="CalleeKey"/> (<c>ratings.bookinfo</c>), so every spelling of its host is covered.
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
