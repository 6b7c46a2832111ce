using System.Text.Json.Nodes;
using EastWestIds.Quality;

namespace EastWestIds.Quality.Tests;

/// <summary>
/// What the evasion tests share: the PayloadsAllTheThings records, requests built from them, an in-process scan, and the
/// comparison of each request's variants with its reference.
/// </summary>
internal static class EvasionVariants
{
    /// <summary>
    /// Each request <c>id@reference</c> against its variants <c>id@variant</c>: every sid that <paramref name="compared"/>
    /// takes and the reference raised, each variant (where there is one) raises too. At least
    /// <paramref name="atLeastDetected"/> references must raise such a sid, or the corpus is not what the test expects.
    /// </summary>
    internal static void AssertVariantsRaise(Dictionary<string, List<int>> sids, string reference, string[] variants, Func<int, bool> compared, int atLeastDetected)
    {
        var lost = new List<string>();
        int detected = 0, checkedVariants = 0;
        string suffix = "@" + reference;
        foreach ((string id, List<int> raised) in sids.Where(v => v.Key.EndsWith(suffix, StringComparison.Ordinal)))
        {
            string payload = id[..^suffix.Length];
            List<int> expected = [.. raised.Where(compared)];
            detected += expected.Count > 0 ? 1 : 0;
            foreach (string variant in variants)
            {
                if (sids.TryGetValue($"{payload}@{variant}", out List<int>? variantSids))
                {
                    checkedVariants++;
                    List<int> missing = [.. expected.Except(variantSids)];
                    if (missing.Count > 0)
                    {
                        lost.Add($"{payload}@{variant}: {string.Join(", ", missing)} not raised");
                    }
                }
            }
        }

        Assert.True(detected >= atLeastDetected, $"only {detected} references raised a compared rule: the corpus is not what this test expects");
        Assert.True(checkedVariants >= detected * variants.Length * 9 / 10, $"only {checkedVariants} variants for {detected} references");
        Assert.True(lost.Count == 0, $"{lost.Count} of {checkedVariants} variants lost rules:\n" + string.Join("\n", lost.Take(20)));
    }

    /// <summary>The PayloadsAllTheThings corpus's records (of the given placements, all when null).</summary>
    internal static IEnumerable<JsonObject> Records(string[]? placements) =>
        GeneratedCorpus.Lines("bench/quality/payloads/make-payload-corpus.py")
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .Where(record => placements is null || placements.Contains(record["placement"]!.GetValue<string>()));

    /// <summary>The sids of the rules that read argument values only.</summary>
    internal static HashSet<int> ArgumentRules() => [.. ShippedRules.Set.Signatures
        .Where(s => s.Programs.All(p => p.Slot.Buffer == EastWestIds.Signatures.Keywords.InspectionBuffer.HttpArg))
        .Select(s => s.Sid)];

    /// <summary>A POST of <paramref name="body"/> as <paramref name="contentType"/> to an in-mesh service, named <c>id@name</c>.</summary>
    internal static string Post(JsonObject record, string name, string contentType, byte[] body) => new JsonObject
    {
        ["id"] = $"{record["id"]!.GetValue<string>()}@{name}",
        ["method"] = "POST",
        ["uri"] = "/shop.v1.Orders/Search",
        ["http_version"] = "HTTP/1.1",
        ["headers"] = new JsonArray(
            new JsonArray("Host", "orders.shop.svc.cluster.local"),
            new JsonArray("Content-Type", contentType),
            new JsonArray("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        ["body"] = Convert.ToBase64String(body),
        ["body_base64"] = true,
    }.ToJsonString();

    internal static Dictionary<string, List<int>> Scan(List<string> records)
    {
        string path = Path.Combine(Path.GetTempPath(), $"ewids-charset-{Environment.ProcessId}-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path, records);
        try
        {
            return InProcessScan.Scan(ShippedRules.Set, path).ToDictionary(v => v.Id, v => v.Sids, StringComparer.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
