namespace EastWestIds.Host.Api;

/// <summary>An alert's triage: state, comment, who set it and when (null while untouched).</summary>
public sealed record TriageDto(string State, string? Comment, string? Actor, DateTimeOffset? At);
