namespace EastWestIds.Storage;

/// <summary>What one retention pass deleted, and whether it stopped early with more to delete.</summary>
public readonly record struct RetentionResult(long AlertsByAge, long AlertsByCount, long Edges, long BaselineEntries, bool MoreRemaining);
