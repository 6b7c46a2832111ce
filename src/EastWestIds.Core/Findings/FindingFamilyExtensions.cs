namespace EastWestIds.Core.Findings;

/// <summary>Label text for <see cref="FindingFamily"/>.</summary>
public static class FindingFamilyExtensions
{
    public static string Label(this FindingFamily family) => family switch
    {
        FindingFamily.Protocol => "protocol",
        FindingFamily.Identity => "identity",
        FindingFamily.Access => "access",
        FindingFamily.Policy => "policy",
        FindingFamily.Attack => "attack",
        _ => "unknown",
    };

    public static string Label(this Severity severity) => severity switch
    {
        Severity.High => "high",
        Severity.Medium => "medium",
        Severity.Low => "low",
        Severity.Info => "info",
        _ => "unknown",
    };
}
