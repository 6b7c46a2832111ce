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
    private static readonly FindingFamily[] s_families = Enum.GetValues<FindingFamily>();
    private static readonly Severity[] s_severities = Enum.GetValues<Severity>();

    /// <summary>Each closed set's labels in declaration order: what the API accepts, for its errors and its OpenAPI document.</summary>
    public static IReadOnlyList<string> VerdictLabels { get; } = [.. s_verdicts.Select(v => v.Label())];

    /// <inheritdoc cref="VerdictLabels"/>
    public static IReadOnlyList<string> OutcomeLabels { get; } = [.. s_outcomes.Select(o => o.Label())];

    /// <inheritdoc cref="VerdictLabels"/>
    public static IReadOnlyList<string> TriageStateLabels { get; } = [.. s_triageStates.Select(s => s.Label())];

    /// <inheritdoc cref="VerdictLabels"/>
    public static IReadOnlyList<string> FamilyLabels { get; } = [.. s_families.Select(f => f.Label())];

    /// <inheritdoc cref="VerdictLabels"/>
    public static IReadOnlyList<string> SeverityLabels { get; } = [.. s_severities.Select(s => s.Label())];

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
        => TryParseLabel(text, s_families, FindingFamilyExtensions.Label, out family);

    /// <summary>A severity label, or its number as EVE writes it (1 high … 4 info).</summary>
    public static bool TryParseSeverity(string? text, out Severity severity)
    {
        if (text is [>= '1' and <= '4'])
        {
            severity = (Severity)(text[0] - '0');
            return true;
        }

        return TryParseLabel(text, s_severities, FindingFamilyExtensions.Label, out severity);
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
