using System.Globalization;

namespace EastWestIds.Quality;

/// <summary>The targets of issue 3: what the table must show.</summary>
public static class QualityTargets
{
    /// <summary>At least this share of the CRS attacks detected, in percent.</summary>
    public const double MinDetectedTotal = 95;

    /// <summary>No category below this detection rate, in percent.</summary>
    public const double MinDetectedPerCategory = 85;

    /// <summary>At most this share of the CRS negative tests flagged, in percent.</summary>
    public const double MaxFlaggedNegatives = 10;

    /// <summary>At most this share of the benign corpus flagged, in percent.</summary>
    public const double MaxFlaggedBenign = 0.1;

    /// <summary>The targets missed, each as one sentence; empty when all are met.</summary>
    /// <param name="Misses">What was missed and by how much.</param>
    public sealed record Result(IReadOnlyList<string> Misses);

    /// <summary>Checks <paramref name="rows"/> (with their total) and the benign row against the targets.</summary>
    public static Result Check(IReadOnlyList<QualityRow> rows, QualityRow? benign)
    {
        var misses = new List<string>();
        QualityRow total = rows.Single(r => r.Category == "total");
        if (total.DetectedPercent < MinDetectedTotal)
        {
            misses.Add(Say($"CRS attacks detected {total.DetectedPercent:0.0}% < {MinDetectedTotal}%"));
        }

        foreach (QualityRow row in rows.Where(r => r.Category != "total" && r.DetectedPercent < MinDetectedPerCategory))
        {
            misses.Add(Say($"category {row.Category} detected {row.DetectedPercent:0.0}% < {MinDetectedPerCategory}%"));
        }

        if (total.FlaggedPercent > MaxFlaggedNegatives)
        {
            misses.Add(Say($"CRS negatives flagged {total.FlaggedPercent:0.0}% > {MaxFlaggedNegatives}%"));
        }

        if (benign is not null && benign.FlaggedPercent > MaxFlaggedBenign)
        {
            misses.Add(Say($"benign requests flagged {benign.FlaggedPercent:0.00}% > {MaxFlaggedBenign}%"));
        }

        return new Result(misses);
    }

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
