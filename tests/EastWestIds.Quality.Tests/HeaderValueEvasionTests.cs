using System.Text.Json.Nodes;
using static EastWestIds.Quality.Tests.EvasionVariants;

namespace EastWestIds.Quality.Tests;

/// <summary>
/// The PayloadsAllTheThings attacks as a query argument and again as the value of an application's own header field
/// (<c>x-tenant-id</c>), as sent and percent-encoded. East-west, a gateway passes the tenant and the user on as headers,
/// gRPC metadata is headers, and a compromised caller controls them all: a family that finds a payload in an argument
/// must find it in such a field (<c>http.header_value</c>).
/// </summary>
public sealed class HeaderValueEvasionTests
{
    // sid / 1000: the families with header-value rules (path traversal, command, SQL, script and template injection).
    private static readonly int[] Families = [9403, 9405, 9408, 9409, 9414];

    /// <summary>
    /// Of the payloads a family finds in the argument, the share it may miss in the header. Measured in session 26 (as
    /// sent / percent-encoded): path traversal 5 of 2,109 / 352 of 2,113 (double-encoded payloads: a header value is
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
    public void PayloadInAnApplicationHeader_IsFoundByTheFamilyThatFindsItInAnArgument(bool percentEncoded, int family, int maxLostPercent)
    {
        Dictionary<string, HashSet<int>> families = Verdicts.Value;
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

    private static readonly Lazy<Dictionary<string, HashSet<int>>> Verdicts = new(() =>
    {
        var requests = new List<string>();
        foreach (JsonObject record in Records(placements: null))
        {
            string payload = record["payload"]!.GetValue<string>();
            requests.Add(Get(record, "argument", "/api/v1/items?q=" + Uri.EscapeDataString(payload), header: null));
            requests.Add(Get(record, "encoded", "/api/v1/items", Uri.EscapeDataString(payload)));
            if (payload == payload.Trim() && payload.All(c => c is '\t' or >= ' ' and not '\x7f'))
            {
                requests.Add(Get(record, "raw", "/api/v1/items", payload));
            }
        }

        return Scan(requests).ToDictionary(v => v.Key, v => v.Value.Select(sid => sid / 1000).Where(Families.Contains).ToHashSet(), StringComparer.Ordinal);
    });

    private static string Get(JsonObject record, string name, string uri, string? header)
    {
        var headers = new JsonArray(new JsonArray("Host", "orders.shop.svc.cluster.local"), new JsonArray("Accept", "application/json"));
        if (header is not null)
        {
            headers.Add(new JsonArray("x-tenant-id", header));
        }

        return new JsonObject
        {
            ["id"] = $"{record["id"]!.GetValue<string>()}@{name}",
            ["method"] = "GET",
            ["uri"] = uri,
            ["http_version"] = "HTTP/1.1",
            ["headers"] = headers,
            ["body"] = "",
        }.ToJsonString();
    }
}
