namespace EastWestIds.Storage.Model;

/// <summary>Where an analyst's review of an alert stands.</summary>
public enum TriageState : byte
{
    New,
    Acknowledged,
    FalsePositive,
    Resolved,
}
