namespace EastWestIds.Storage.Model;

/// <summary>One page of alerts, newest first, and the cursor of the next page (null when this is the last).</summary>
public sealed record AlertPage(IReadOnlyList<AlertRecord> Alerts, string? NextCursor);
