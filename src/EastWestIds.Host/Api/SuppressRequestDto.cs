namespace EastWestIds.Host.Api;

/// <summary>Body of <c>POST /api/alerts/{id}/suppress</c> (optional).</summary>
public sealed record SuppressRequestDto(string? Comment);
