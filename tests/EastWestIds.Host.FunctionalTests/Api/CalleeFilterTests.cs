using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using EastWestIds.Host.FunctionalTests.Monitoring;

namespace EastWestIds.Host.FunctionalTests.Api;

/// <summary>
/// The API's <c>callee</c> filter names a Service however its callers spelled the host, so the dashboard's
/// "alerts on this edge" link (built from the verdict metric's <c>destination_service</c> and namespace) and Istio's
/// FQDN both find the calls made by <c>ratings</c>, <c>ratings.default</c> and <c>ratings.default.svc.cluster.local</c>.
/// </summary>
public sealed partial class CalleeFilterTests
{
    private const string Caller = MirrorRequests.Caller; // in namespace default

    private static string AttackOn(string host, string requestId) =>
        StoreSink.Attack(requestId).Replace("host: reviews-shadow:9080", "host: " + host, StringComparison.Ordinal);

    [Fact]
    public async Task DashboardEdgeLink_FindsTheCallsToTheServiceByEverySpelling()
    {
        await using var sink = await StoreSink.StartAsync();
        await sink.MirrorAsync(AttackOn("ratings-shadow:9080", "short"));
        await sink.MirrorAsync(AttackOn("ratings.default:9080", "namespaced"));
        await sink.MirrorAsync(AttackOn("ratings.default.svc.cluster.local:9080", "fqdn"));
        await sink.MirrorAsync(AttackOn("ratings.other:9080", "other-namespace"));
        await sink.MirrorAsync(AttackOn("reviews:9080", "other-service"));
        await sink.WaitForAsync($"api/alerts?sid={StoreSink.Sid}", j => j.GetProperty("items").GetArrayLength() == 5);

        // The link as Grafana resolves it from a row of the edge table (labels of eastwestids_policy_verdicts_total).
        var labels = new Dictionary<string, string>
        {
            ["source_principal"] = Caller,
            ["destination_service"] = "ratings",
            ["destination_service_namespace"] = "default",
            ["verdict"] = "denied",
        };
        var link = EdgeLink();
        var resolved = DataField().Replace(link, m => Uri.EscapeDataString(labels[m.Groups["name"].Value]));
        Assert.DoesNotContain("$", resolved.Replace("${ewids_ui}", "", StringComparison.Ordinal));
        var query = resolved.Split("#/alerts?", 2)[1];

        var found = await sink.GetJsonAsync($"api/alerts?sid={StoreSink.Sid}&{query}");
        Assert.Equal(["fqdn", "namespaced", "short"], RequestIds(found));
        Assert.All(found.GetProperty("items").EnumerateArray(), i => Assert.StartsWith("ratings", i.GetProperty("callee").GetString(), StringComparison.Ordinal));

        // The same caller's edge to ratings in another namespace: the link must carry the namespace, since a short name
        // alone would resolve in the caller's.
        labels["destination_service_namespace"] = "other";
        var otherEdge = DataField().Replace(link, m => Uri.EscapeDataString(labels[m.Groups["name"].Value])).Split("#/alerts?", 2)[1];
        Assert.Equal(["other-namespace"], RequestIds(await sink.GetJsonAsync($"api/alerts?sid={StoreSink.Sid}&{otherEdge}")));

        // Istio's destination_service (the FQDN), any other spelling, with or without the caller.
        foreach (var callee in new[] { "ratings.default.svc.cluster.local", "ratings.default", "RATINGS.default.svc:9080", "ratings.default-shadow:9080" })
        {
            var byName = await sink.GetJsonAsync($"api/alerts?sid={StoreSink.Sid}&callee={Uri.EscapeDataString(callee)}");
            Assert.Equal(["fqdn", "namespaced", "short"], RequestIds(byName));
        }

        // A short name resolves in the caller's namespace, as DNS does; without a caller it is that name in any namespace.
        var shortWithCaller = await sink.GetJsonAsync($"api/alerts?sid={StoreSink.Sid}&caller={Uri.EscapeDataString(Caller)}&callee=ratings");
        Assert.Equal(["fqdn", "namespaced", "short"], RequestIds(shortWithCaller));
        var shortAnywhere = await sink.GetJsonAsync($"api/alerts?sid={StoreSink.Sid}&callee=ratings");
        Assert.Equal(["other-namespace", "fqdn", "namespaced", "short"], RequestIds(shortAnywhere));
        Assert.Equal(["other-namespace"], RequestIds(await sink.GetJsonAsync($"api/alerts?sid={StoreSink.Sid}&callee=ratings.other.svc.cluster.local")));

        // The detail names the Service beside the host as used.
        var id = found.GetProperty("items")[0].GetProperty("id").GetInt64();
        var callee0 = (await sink.GetJsonAsync($"api/alerts/{id}")).GetProperty("callee");
        Assert.Equal("ratings.default.svc.cluster.local", callee0.GetProperty("service").GetString());
        Assert.Equal("ratings", callee0.GetProperty("name").GetString());
        Assert.Equal("default", callee0.GetProperty("namespace").GetString());

        // Not a host: a 400 naming the parameter, not an empty queue.
        using var bad = await sink.Client.GetAsync("api/alerts?callee=" + Uri.EscapeDataString("ratings bookinfo"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("callee", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string[] RequestIds(JsonElement list) =>
        [.. list.GetProperty("items").EnumerateArray().Select(i => Regex.Match(i.GetProperty("path").GetString()!, "n=([a-z-]+)").Groups[1].Value)];

    private static string EdgeLink()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(MonitoringArtifacts.DashboardFile));
        var table = MonitoringArtifacts.Panel(dashboard, "Top unauthorized edges");
        return table.GetProperty("fieldConfig").GetProperty("defaults").GetProperty("links").EnumerateArray()
            .Select(l => l.GetProperty("url").GetString()!)
            .Single(u => u.Contains("callee=", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\$\{__data\.fields\.(?<name>\w+):percentencode\}")]
    private static partial Regex DataField();
}
