namespace EastWestIds.Storage.Model;

/// <summary>A triage request: the new state, an optional comment, and who asks (required: the audit names them).</summary>
public sealed record TriageChange(TriageState State, string Actor, string? Comment = null);
