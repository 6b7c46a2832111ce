using System.Text.Json;

namespace EastWestIds.Quality;

/// <summary>
/// Reads the two JSON Lines files the measurement joins: a request corpus (the CRS corpus or the benign corpus, in the
/// shape of <c>../shared/corpus/README.md</c>) and the <c>ewids scan --verdicts</c> output for it.
/// </summary>
public static class CorpusReader
{
    /// <summary>
    /// Reads the labels of a corpus. Lines without <c>category</c> are labelled <paramref name="defaultCategory"/>,
    /// lines without <c>expect_detect</c> get <paramref name="defaultExpectDetect"/>; a line without <c>id</c> is known
    /// by its 1-based ordinal, as <c>ewids scan</c> names it.
    /// </summary>
    public static List<LabelledRequest> ReadLabels(string path, string defaultCategory, bool defaultExpectDetect)
    {
        var labels = new List<LabelledRequest>();
        int ordinal = 0;
        foreach (string line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            ordinal++;
            using JsonDocument doc = JsonDocument.Parse(line);
            JsonElement root = doc.RootElement;
            string id = root.TryGetProperty("id", out JsonElement idElement) ? IdText(idElement) : ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string category = root.TryGetProperty("category", out JsonElement c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : defaultCategory;
            bool expect = root.TryGetProperty("expect_detect", out JsonElement e) && e.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? e.GetBoolean()
                : defaultExpectDetect;
            labels.Add(new LabelledRequest(id, category, expect));
        }

        return labels;
    }

    /// <summary>
    /// Reads <c>--verdicts</c> output: for each request id, the sids that count as a detection (see
    /// <see cref="QualityReport.Counts"/>). A request that appears more than once (a record holding two requests)
    /// accumulates its alerts.
    /// </summary>
    public static Dictionary<string, List<int>> ReadVerdicts(string path)
    {
        var verdicts = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using JsonDocument doc = JsonDocument.Parse(line);
            JsonElement root = doc.RootElement;
            string id = IdText(root.GetProperty("id"));
            if (!verdicts.TryGetValue(id, out List<int>? sids))
            {
                sids = [];
                verdicts.Add(id, sids);
            }

            foreach (JsonElement alert in root.GetProperty("alerts").EnumerateArray())
            {
                sids.Add(alert.GetProperty("sid").GetInt32());
            }
        }

        return verdicts;
    }

    private static string IdText(JsonElement id) =>
        id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText();
}
