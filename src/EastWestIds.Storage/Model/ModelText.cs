using EastWestIds.Core;
using EastWestIds.Core.Findings;

namespace EastWestIds.Storage.Model;

/// <summary>
/// The text each closed set is stored (and shown, and filtered) as. One place, so the database, the API and the
/// CSV export agree; parsing is strict and returns false for anything else (API input is operator/analyst text).
/// </summary>
public static class ModelText
{
    // Parsing goes through Label, so each closed set's text is written once: a new value cannot be labelled one way
    // and parsed another.
    private static readonly AlertVerdict[] s_verdicts = Enum.GetValues<AlertVerdict>();
    private static readonly AlertOutcome[] s_outcomes = Enum.GetValues<AlertOutcome>();
    private static readonly TriageState[] s_triageStates = Enum.GetValues<TriageState>();

    public static string Label(this AlertVerdict verdict) => verdict switch
    {
        AlertVerdict.Allowed => "allowed",
        AlertVerdict.Denied => "denied",
        AlertVerdict.WouldDeny => "would-deny",
        AlertVerdict.ExtAuthz => "ext-authz",
        AlertVerdict.Unprotected => "unprotected",
        _ => "none",
    };

    public static bool TryParseVerdict(string? text, out AlertVerdict verdict) => TryParseLabel(text, s_verdicts, Label, out verdict);

    public static string Label(this AlertOutcome outcome) => outcome switch
    {
        AlertOutcome.Allowed => "allowed",
        AlertOutcome.Blocked => "blocked",
        AlertOutcome.WouldBlock => "would-block",
        AlertOutcome.FailedOpen => "failed-open",
        AlertOutcome.FailedClosed => "failed-closed",
        _ => "none",
    };

    public static bool TryParseOutcome(string? text, out AlertOutcome outcome) => TryParseLabel(text, s_outcomes, Label, out outcome);

    public static string Label(this TriageState state) => state switch
    {
        TriageState.Acknowledged => "acknowledged",
        TriageState.FalsePositive => "false-positive",
        TriageState.Resolved => "resolved",
        _ => "new",
    };

    public static bool TryParseTriageState(string? text, out TriageState state) => TryParseLabel(text, s_triageStates, Label, out state);

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

    private static bool TryParseLabel<T>(string? text, T[] values, Func<T, string> label, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in values)
        {
            if (string.Equals(label(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
