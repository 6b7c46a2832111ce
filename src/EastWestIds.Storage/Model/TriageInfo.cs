namespace EastWestIds.Storage.Model;

/// <summary>An alert's current triage: state, the analyst's comment, who set it and when (null while untouched).</summary>
public sealed record TriageInfo(TriageState State, string? Comment = null, string? Actor = null, DateTimeOffset? At = null)
{
    public static readonly TriageInfo New = new(TriageState.New);
}
