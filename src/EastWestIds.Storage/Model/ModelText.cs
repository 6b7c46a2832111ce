using EastWestIds.Core;
using EastWestIds.Core.Findings;

namespace EastWestIds.Storage.Model;

/// <summary>
/// The text each closed set is stored (and shown, and filtered) as. One place, so the database, the API and the
/// CSV export agree; parsing is strict and returns false for anything else (API input is operator/analyst text).
/// </summary>
public static class ModelText
{
    public static string Label(this AlertVerdict verdict) => verdict switch
    {
        AlertVerdict.Allowed => "allowed",
        AlertVerdict.Denied => "denied",
        AlertVerdict.WouldDeny => "would-deny",
        AlertVerdict.ExtAuthz => "ext-authz",
        AlertVerdict.Unprotected => "unprotected",
        _ => "none",
    };

    public static bool TryParseVerdict(string? text, out AlertVerdict verdict)
    {
        verdict = text switch
        {
            "none" => AlertVerdict.None,
            "allowed" => AlertVerdict.Allowed,
            "denied" => AlertVerdict.Denied,
            "would-deny" => AlertVerdict.WouldDeny,
            "ext-authz" => AlertVerdict.ExtAuthz,
            "unprotected" => AlertVerdict.Unprotected,
            _ => (AlertVerdict)255,
        };
        return verdict != (AlertVerdict)255;
    }

    public static string Label(this AlertOutcome outcome) => outcome switch
    {
        AlertOutcome.Allowed => "allowed",
        AlertOutcome.Blocked => "blocked",
        AlertOutcome.WouldBlock => "would-block",
        AlertOutcome.FailedOpen => "failed-open",
        AlertOutcome.FailedClosed => "failed-closed",
        _ => "none",
    };

    public static bool TryParseOutcome(string? text, out AlertOutcome outcome)
    {
        outcome = text switch
        {
            "none" => AlertOutcome.None,
            "allowed" => AlertOutcome.Allowed,
            "blocked" => AlertOutcome.Blocked,
            "would-block" => AlertOutcome.WouldBlock,
            "failed-open" => AlertOutcome.FailedOpen,
            "failed-closed" => AlertOutcome.FailedClosed,
            _ => (AlertOutcome)255,
        };
        return outcome != (AlertOutcome)255;
    }

    public static string Label(this TriageState state) => state switch
    {
        TriageState.Acknowledged => "acknowledged",
        TriageState.FalsePositive => "false-positive",
        TriageState.Resolved => "resolved",
        _ => "new",
    };

    public static bool TryParseTriageState(string? text, out TriageState state)
    {
        state = text switch
        {
            "new" => TriageState.New,
            "acknowledged" => TriageState.Acknowledged,
            "false-positive" => TriageState.FalsePositive,
            "resolved" => TriageState.Resolved,
            _ => (TriageState)255,
        };
        return state != (TriageState)255;
    }

    public static bool TryParseFamily(string? text, out FindingFamily family)
    {
        family = text switch
        {
            "protocol" => FindingFamily.Protocol,
            "identity" => FindingFamily.Identity,
            "access" => FindingFamily.Access,
            "policy" => FindingFamily.Policy,
            "attack" => FindingFamily.Attack,
            _ => (FindingFamily)255,
        };
        return family != (FindingFamily)255;
    }

    public static bool TryParseSeverity(string? text, out Severity severity)
    {
        severity = text switch
        {
            "high" or "1" => Severity.High,
            "medium" or "2" => Severity.Medium,
            "low" or "3" => Severity.Low,
            "info" or "4" => Severity.Info,
            _ => (Severity)255,
        };
        return severity != (Severity)255;
    }
}
