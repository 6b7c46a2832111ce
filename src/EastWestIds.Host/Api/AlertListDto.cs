namespace EastWestIds.Host.Api;

/// <summary>A page of the queue, newest first; <c>next</c> is the cursor of the following page (null at the end).</summary>
public sealed record AlertListDto(IReadOnlyList<AlertSummaryDto> Items, string? Next);
