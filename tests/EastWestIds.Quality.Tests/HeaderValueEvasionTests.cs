using System.Text.Json.Nodes;
using static EastWestIds.Quality.Tests.EvasionVariants;

namespace EastWestIds.Quality.Tests;

/// <summary>
/// Attack payloads as a query argument and again as the value of an application's own header field
/// (<c>x-tenant-id</c>), as sent and percent-encoded. East-west, a gateway passes the tenant and the user on as headers,
/// gRPC metadata is headers, and a compromised caller controls them all: a family that finds a payload in an argument
/// must find it in such a field (<c>http.header_value</c>), up to the share each family is held to.
/// </summary>
public sealed class HeaderValueEvasionTests
{
    /// <summary>
    /// The PayloadsAllTheThings payloads. Measured in session 26, missed in the header of those found in the argument
    /// (as sent / percent-encoded): path traversal 5 of 2,109 / 352 of 2,113 (double-encoded payloads: a header value is
    /// decoded once, an argument as often as it takes), commands 1 of 353 / 20 of 360, SQL 87 of 782 / 277 of 1,408 and
    /// script 42 of 1,242 / 70 of 1,312 (the detectors read an argument's JSON and form values, a header's bytes),
    /// templates none. Without the header-value rules of session 26: path traversal missed 17% / 88%, commands 88% / 100%,
    /// templates 0 / 100%.
    /// </summary>
    [Theory]
    [InlineData(false, 9403, 1)]
    [InlineData(false, 9405, 1)]
    [InlineData(false, 9408, 13)]
    [InlineData(false, 9409, 5)]
    [InlineData(false, 9414, 1)]
    [InlineData(true, 9403, 19)]
    [InlineData(true, 9405, 7)]
    [InlineData(true, 9408, 22)]
    [InlineData(true, 9409, 7)]
    [InlineData(true, 9414, 1)]
    public void PayloadsAllTheThings_InAnApplicationHeader_FoundByTheFamilyThatFindsThemInAnArgument(bool percentEncoded, int family, int maxLostPercent) =>
        AssertFamilyFinds(PayloadVerdicts.Value, percentEncoded, family, maxLostPercent);

    /// <summary>
    /// The CRS attacks that carry their payload in a single query argument. Measured in session 26 (percent-encoded):
    /// commands, PHP, code injection and SSRF missed 30 of 300, 73 of 166, 40 of 101 and 37 of 66, the rest being found
    /// in the argument by rules that have no header variant (PHP's <c>${x}</c>, <c>ping 127.0.0.1</c>,
    /// <c>console.info(1)</c>: written for parameters, too loose for headers); before them, 100%, 100%, 92% and 98%.
    /// </summary>
    [Theory]
    [InlineData(9405, 12)]
    [InlineData(9406, 48)]
    [InlineData(9407, 60)]
    [InlineData(9420, 45)]
    public void CrsAttacks_InAnApplicationHeader_FoundByTheFamilyThatFindsThemInAnArgument(int family, int maxLostPercent) =>
        AssertFamilyFinds(CrsVerdicts.Value, percentEncoded: true, family, maxLostPercent);

    // sid / 1000: the families with header-value rules.
    private static readonly int[] Families = [9403, 9405, 9406, 9407, 9408, 9409, 9414, 9420];

    private static readonly Lazy<Dictionary<string, HashSet<int>>> PayloadVerdicts = new(() =>
        ScanFamilies(Records(placements: null).Select(r => (r["id"]!.GetValue<string>(), r["payload"]!.GetValue<string>()))));

    private static readonly Lazy<Dictionary<string, HashSet<int>>> CrsVerdicts = new(() =>
        ScanFamilies(CrsSingleArgumentAttacks()));

    private static void AssertFamilyFinds(Dictionary<string, HashSet<int>> families, bool percentEncoded, int family, int maxLostPercent)
    {
        string variant = percentEncoded ? "encoded" : "raw";
        int found = 0, lost = 0;
        var examples = new List<string>();
        foreach ((string id, HashSet<int> raised) in families.Where(v => v.Key.EndsWith("@argument", StringComparison.Ordinal)))
        {
            string payload = id[..^"@argument".Length];
            if (!raised.Contains(family) || !families.TryGetValue($"{payload}@{variant}", out HashSet<int>? header))
            {
                continue;
            }

            found++;
            if (!header.Contains(family))
            {
                lost++;
                examples.Add(payload);
            }
        }

        Assert.True(found >= 50, $"only {found} payloads of family {family} found in an argument: the corpus is not what this test expects");
        Assert.True(
            lost * 100 <= found * maxLostPercent,
            $"family {family} missed {lost} of {found} payloads as a {variant} header value (at most {maxLostPercent}%): {string.Join(", ", examples.Take(10))}");
    }

    /// <summary>The CRS attacks (GET, no body) whose query is one argument, with that argument's decoded value.</summary>
    private static IEnumerable<(string Id, string Payload)> CrsSingleArgumentAttacks()
    {
        foreach (string line in File.ReadLines(RepositoryFiles.Shared("corpus/crs-requests.jsonl")))
        {
            JsonObject record = JsonNode.Parse(line)!.AsObject();
            string uri = record["uri"]!.GetValue<string>();
            int query = uri.IndexOf('?', StringComparison.Ordinal);
            if (!record["expect_detect"]!.GetValue<bool>() || record["method"]!.GetValue<string>() != "GET" || query < 0)
            {
                continue;
            }

            string[] pair = uri[(query + 1)..].Split('=', 2);
            if (pair.Length == 2 && !pair[1].Contains('&', StringComparison.Ordinal))
            {
                string value = Uri.UnescapeDataString(pair[1].Replace('+', ' '));
                if (value.Length >= 4)
                {
                    yield return (record["id"]!.GetValue<string>(), value);
                }
            }
        }
    }

    /// <summary>Each payload as a query argument, as a percent-encoded header value and, where it can be one, a raw one.</summary>
    private static Dictionary<string, HashSet<int>> ScanFamilies(IEnumerable<(string Id, string Payload)> payloads)
    {
        var requests = new List<string>();
        foreach ((string id, string payload) in payloads)
        {
            requests.Add(Get(id, "argument", "/api/v1/items?q=" + Uri.EscapeDataString(payload), header: null));
            requests.Add(Get(id, "encoded", "/api/v1/items", Uri.EscapeDataString(payload)));
            if (payload == payload.Trim() && payload.All(c => c is '\t' or >= ' ' and not '\x7f'))
            {
                requests.Add(Get(id, "raw", "/api/v1/items", payload));
            }
        }

        return Scan(requests).ToDictionary(v => v.Key, v => v.Value.Select(sid => sid / 1000).Where(Families.Contains).ToHashSet(), StringComparer.Ordinal);
    }

    private static string Get(string id, string name, string uri, string? header)
    {
        var headers = new JsonArray(new JsonArray("Host", "orders.shop.svc.cluster.local"), new JsonArray("Accept", "application/json"));
        if (header is not null)
        {
            headers.Add(new JsonArray("x-tenant-id", header));
        }

        return new JsonObject
        {
            ["id"] = $"{id}@{name}",
            ["method"] = "GET",
            ["uri"] = uri,
            ["http_version"] = "HTTP/1.1",
            ["headers"] = headers,
            ["body"] = "",
        }.ToJsonString();
    }
}
