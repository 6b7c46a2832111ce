namespace EastWestIds.Host.Api;

/// <summary>Body of <c>PUT /api/alerts/{id}/triage</c>.</summary>
public sealed record TriageRequestDto(string? State, string? Comment);
