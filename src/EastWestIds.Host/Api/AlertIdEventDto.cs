namespace EastWestIds.Host.Api;

/// <summary>The data of one <c>event: alert</c> on <c>/api/alerts/stream</c>: a new alert's id (fetch it with GET /api/alerts/{id}).</summary>
public sealed record AlertIdEventDto(long Id, DateTimeOffset Timestamp);
