namespace EastWestIds.Storage.Model;

/// <summary>Hits of one suppression counted in memory since the last flush.</summary>
public readonly record struct SuppressionHits(long SuppressionId, long Hits, DateTimeOffset LastHit);
