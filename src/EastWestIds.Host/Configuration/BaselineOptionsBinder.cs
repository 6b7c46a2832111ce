using System.Globalization;
using EastWestIds.Host.Baseline;
using B = EastWestIds.Host.Configuration.BaselineSettings;

namespace EastWestIds.Host.Configuration;

/// <summary>Binds the baseline settings; null when neither <c>--learn</c> nor <c>--learn-for</c> is given (stage off).</summary>
internal static class BaselineOptionsBinder
{
    private static readonly TimeSpan MaxLearnFor = TimeSpan.FromDays(366);

    public static BaselineHostOptions? Bind(SettingsReader settings)
    {
        var learn = settings.Flag(B.Learn);
        var learnForText = settings.String(B.LearnFor);
        var maxEdges = settings.Count(B.BaselineMaxEdges, 1, 10_000_000);
        if (learn && learnForText is not null)
        {
            settings.AddError($"{B.Learn.DisplayName} and {B.LearnFor.DisplayName}: give one of them (--learn learns until restarted without it, --learn-for for a period)");
            return null;
        }

        if (learnForText is null)
        {
            return learn ? new BaselineHostOptions { LearnUntilRestart = true, MaxEdges = maxEdges } : null;
        }

        if (!TryParse(learnForText, out var learnFor) || learnFor < TimeSpan.Zero || learnFor > MaxLearnFor)
        {
            settings.AddError($"{B.LearnFor.DisplayName}: invalid value '{learnForText}': expected a duration from 0 to 366d (e.g. 7d, 12h, 30m; 0 only detects)");
            return null;
        }

        return new BaselineHostOptions { LearnFor = learnFor, MaxEdges = maxEdges };
    }

    /// <summary>The serve durations (<c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c>) plus days, which a learning period needs.</summary>
    internal static bool TryParse(string text, out TimeSpan duration)
    {
        var trimmed = text.Trim();
        if (trimmed.EndsWith('d') && double.TryParse(trimmed[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var days))
        {
            duration = days <= MaxLearnFor.TotalDays ? TimeSpan.FromDays(days) : TimeSpan.MaxValue;
            return true;
        }

        return SettingsReader.TryParseDuration(trimmed, out duration);
    }
}
