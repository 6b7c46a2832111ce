namespace EastWestIds.Storage.Model;

/// <summary>
/// The text an <see cref="AlertOutcome"/> is stored, shown and filtered as (hyphenated like the verdicts in
/// <see cref="ModelText"/>). Parsing is strict: anything else is false.
/// </summary>
public static class AlertOutcomeText
{
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
}
