using System.Globalization;
using System.Text;

namespace EastWestIds.Quality;

/// <summary>One row of the detection-quality table.</summary>
/// <param name="Category">The corpus category, <c>total</c> or <c>benign</c>.</param>
/// <param name="Attacks">Requests labelled as attacks.</param>
/// <param name="Detected">Attacks with at least one counting alert.</param>
/// <param name="Negatives">Requests labelled as not attacks.</param>
/// <param name="Flagged">Negatives with at least one counting alert.</param>
public sealed record QualityRow(string Category, int Attacks, int Detected, int Negatives, int Flagged)
{
    /// <summary>Detected attacks in percent (100 when there are none).</summary>
    public double DetectedPercent => Attacks == 0 ? 100 : 100.0 * Detected / Attacks;

    /// <summary>Flagged negatives in percent (0 when there are none).</summary>
    public double FlaggedPercent => Negatives == 0 ? 0 : 100.0 * Flagged / Negatives;
}

/// <summary>
/// Joins corpus labels with verdicts into the per-category table of the README. Only alerts that say something about
/// the request itself count: shipped and local rules and the built-in protocol findings (91xxxxx). The identity
/// (92xxxxx) and access and policy (93xxxxx) findings are left out because recordings made outside the mesh have no
/// <c>x-forwarded-client-cert</c> and no service Host, so every recorded request raises them (and no policy applies).
/// </summary>
public static class QualityReport
{
    /// <summary>True when an alert with <paramref name="sid"/> counts as a detection.</summary>
    public static bool Counts(int sid) => sid is < 9_200_000 or > 9_399_999;

    /// <summary>Computes one row per category (sorted by name) and a <c>total</c> row.</summary>
    public static List<QualityRow> Compute(IEnumerable<LabelledRequest> labels, IReadOnlyDictionary<string, List<int>> verdicts)
    {
        var rows = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        foreach (LabelledRequest label in labels)
        {
            if (!rows.TryGetValue(label.Category, out int[]? counts))
            {
                counts = new int[4];
                rows.Add(label.Category, counts);
            }

            bool flagged = verdicts.TryGetValue(label.Id, out List<int>? sids) && sids.Exists(Counts);
            int column = label.ExpectDetect ? 0 : 2;
            counts[column]++;
            if (flagged)
            {
                counts[column + 1]++;
            }
        }

        var result = rows.Select(r => new QualityRow(r.Key, r.Value[0], r.Value[1], r.Value[2], r.Value[3])).ToList();
        result.Add(new QualityRow("total", result.Sum(r => r.Attacks), result.Sum(r => r.Detected), result.Sum(r => r.Negatives), result.Sum(r => r.Flagged)));
        return result;
    }

    /// <summary>The table as Markdown: CRS rows, the total, then the benign corpus when given.</summary>
    public static string ToMarkdown(IReadOnlyList<QualityRow> crs, QualityRow? benign)
    {
        var text = new StringBuilder();
        text.AppendLine("| category | attacks | detected | detected % | negatives | flagged | flagged % |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (QualityRow row in crs)
        {
            string name = row.Category == "total" ? "**total**" : row.Category;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {row.Attacks} | {row.Detected} | {row.DetectedPercent:0.0} | {row.Negatives} | {row.Flagged} | {row.FlaggedPercent:0.0} |");
        }

        if (benign is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| benign corpus | – | – | – | {benign.Negatives} | {benign.Flagged} | {benign.FlaggedPercent:0.00} |");
        }

        return text.ToString();
    }
}
