namespace EastWestIds.Host.Api;

/// <summary>
/// A suppression: this sid from this caller to this callee is not alerted; <c>hits</c> counts the matches it swallowed.
/// The callee is the Service as <c>name.namespace</c>: every spelling of its host is covered.
/// </summary>
public sealed record SuppressionDto(long Id, int Sid, string Caller, string Callee, DateTimeOffset CreatedAt, string CreatedBy, string? Comment, long? FromAlertId, long Hits, DateTimeOffset? LastHit);
