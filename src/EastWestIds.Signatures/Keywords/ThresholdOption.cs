using System.Globalization;
using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>How a <see cref="ThresholdOption"/> turns a rule's matches into alerts (Suricata's thresholding).</summary>
public enum ThresholdType
{
    /// <summary><c>threshold: type limit</c>: at most <c>count</c> alerts per window.</summary>
    Limit,

    /// <summary><c>threshold: type threshold</c>: an alert for every <c>count</c>-th match in a window.</summary>
    Threshold,

    /// <summary><c>threshold: type both</c>: one alert per window, once the window has seen <c>count</c> matches.</summary>
    Both,

    /// <summary><c>detection_filter</c>: an alert for every match after the first <c>count</c> of a window.</summary>
    DetectionFilter,
}

/// <summary>Whose matches a <see cref="ThresholdOption"/> counts together.</summary>
public enum ThresholdTrack
{
    /// <summary><c>by_src</c>: per caller (its SPIFFE principal; its address when it has none).</summary>
    BySource,

    /// <summary><c>by_dst</c>: per callee service.</summary>
    ByDestination,

    /// <summary><c>by_both</c>: per caller and callee.</summary>
    ByBoth,

    /// <summary><c>by_rule</c>: all matches of the rule together.</summary>
    ByRule,
}

/// <summary>
/// <c>threshold: type limit|threshold|both, track by_src|by_dst|by_both|by_rule, count N, seconds T;</c> and
/// <c>detection_filter: track …, count N, seconds T;</c>: the rule still matches every request it matches, but
/// alerts only as the type says, counting matches per track key over windows of <c>seconds</c> (see
/// <c>Engine/Signatures/AlertThresholds.cs</c>). What Emerging Threats' scan and brute-force rules are written with.
/// </summary>
/// <param name="Type">How matches become alerts.</param>
/// <param name="Track">Whose matches are counted together.</param>
/// <param name="Count">The count of the type.</param>
/// <param name="Seconds">The window length.</param>
/// <param name="Keyword">The keyword as written (<c>threshold</c> or <c>detection_filter</c>).</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record ThresholdOption(ThresholdType Type, ThresholdTrack Track, int Count, int Seconds, string Keyword, SourceLocation Location)
    : SignatureOption(Keyword, Location)
{
    /// <summary>The longest window accepted: a day (state is kept per track key for a window).</summary>
    public const int MaxSeconds = 86_400;

    internal static IEnumerable<KeywordDefinition> Definitions()
    {
        yield return new KeywordDefinition("threshold", KeywordKind.RuleMetadata, KeywordValue.Required, ctx => Create(ctx, "threshold"));
        yield return new KeywordDefinition("detection_filter", KeywordKind.RuleMetadata, KeywordValue.Required, ctx => Create(ctx, "detection_filter"));
    }

    private static SignatureOption? Create(KeywordContext ctx, string keyword)
    {
        bool filter = keyword == "detection_filter";
        ThresholdType? type = filter ? ThresholdType.DetectionFilter : null;
        ThresholdTrack? track = null;
        int? count = null, seconds = null;
        foreach (string part in KeywordArguments.SplitList(ctx.Value))
        {
            string[] words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length != 2)
            {
                return ctx.Error($"'{part}' is not 'name value' (expected {(filter ? "" : "type, ")}track, count and seconds)");
            }

            string value = words[1].ToLowerInvariant();
            switch (words[0].ToLowerInvariant())
            {
                case "type" when !filter && type is null:
                    type = value switch
                    {
                        "limit" => ThresholdType.Limit,
                        "threshold" => ThresholdType.Threshold,
                        "both" => ThresholdType.Both,
                        _ => null,
                    };
                    if (type is null)
                    {
                        return ctx.Error($"'{words[1]}' is not a threshold type (limit, threshold or both)");
                    }

                    break;
                case "track" when track is null:
                    track = value switch
                    {
                        "by_src" => ThresholdTrack.BySource,
                        "by_dst" => ThresholdTrack.ByDestination,
                        "by_both" => ThresholdTrack.ByBoth,
                        "by_rule" => ThresholdTrack.ByRule,
                        _ => null,
                    };
                    if (track is null)
                    {
                        return ctx.Error($"'{words[1]}' is not a track (by_src, by_dst, by_both or by_rule)");
                    }

                    break;
                case "count" when count is null:
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < (filter ? 0 : 1))
                    {
                        return ctx.Error($"count '{words[1]}' is not a count");
                    }

                    count = n;
                    break;
                case "seconds" when seconds is null:
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int s) || s is < 1 or > MaxSeconds)
                    {
                        return ctx.Error($"seconds '{words[1]}' is not a window (1 to {MaxSeconds})");
                    }

                    seconds = s;
                    break;
                default:
                    return ctx.Error($"'{words[0]}' is unknown or given twice");
            }
        }

        if (type is null || track is null || count is null || seconds is null)
        {
            return ctx.Error(filter ? "needs track, count and seconds" : "needs type, track, count and seconds");
        }

        return new ThresholdOption(type.Value, track.Value, count.Value, seconds.Value, keyword, ctx.Option.Location);
    }
}
