using System.Net;
using System.Text;
using System.Text.Json;
using EastWestIds.Host.FunctionalTests.Proxy;
using EastWestIds.Host.Proxy;
using EastWestIds.Host.Storage;
using EastWestIds.Storage;

namespace EastWestIds.Host.FunctionalTests.Api;

/// <summary>
/// <c>ewids proxy</c>'s store keys suppressions and edges by Service exactly as the sink's does: a suppression made on
/// an alert for <c>reviews.default.svc.cluster.local</c> silences the same finding for calls to <c>reviews</c>.
/// </summary>
public sealed class ProxyCalleeKeyTests
{
    private const string Foreign = "By=spiffe://cluster.local/ns/default/sa/default;URI=spiffe://evil.example/ns/default/sa/attacker";

    [Fact]
    public async Task SuppressionOnTheProxy_CoversEverySpellingOfTheService()
    {
        var dir = Directory.CreateTempSubdirectory("ewids-api-proxy-key-").FullName;
        try
        {
            await using var upstream = await RecordingUpstream.StartAsync();
            await using var proxy = await ProxyServer.StartAsync(upstream, o => o with
            {
                Mode = ProxyMode.Monitor,
                Store = new StoreHostOptions { Settings = new StoreSettings { DataDirectory = dir }, EdgeFlushInterval = TimeSpan.FromMilliseconds(100) },
            });
            using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
            using var api = new HttpClient { BaseAddress = proxy.AdminAddress };
            await SendAsync(client, "reviews.default.svc.cluster.local:9080");
            var first = await WaitForAsync(api, "api/alerts?sid=9200005", j => j.GetProperty("items").GetArrayLength() == 1);
            var id = first.GetProperty("items")[0].GetProperty("id").GetInt64();
            using (var suppressed = await api.PostAsync($"api/alerts/{id}/suppress", new StringContent("{}", Encoding.UTF8, "application/json")))
            {
                Assert.Equal(HttpStatusCode.Created, suppressed.StatusCode);
                Assert.Equal("reviews.default", JsonDocument.Parse(await suppressed.Content.ReadAsStringAsync()).RootElement.GetProperty("callee").GetString());
            }

            await SendAsync(client, "reviews:9080");
            await SendAsync(client, "Reviews.default:9080");
            await SendAsync(client, "ratings:9080"); // another Service: alerted

            await WaitForAsync(api, "api/alerts?sid=9200005", j => j.GetProperty("items").GetArrayLength() == 2);
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (await proxy.MetricAsync("eastwestids_alerts_suppressed_total") < 2 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            Assert.Equal(2, await proxy.MetricAsync("eastwestids_alerts_suppressed_total"));
            var edges = await WaitForAsync(api, "api/edges", j => j.EnumerateArray().Sum(e => e.GetProperty("calls").GetProperty("total").GetInt64()) == 4);
            Assert.Equal(new Dictionary<string, long> { ["ratings.default"] = 1, ["reviews.default"] = 3 },
                edges.EnumerateArray().ToDictionary(e => e.GetProperty("callee").GetString()!, e => e.GetProperty("calls").GetProperty("total").GetInt64()));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task SendAsync(HttpClient client, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/reviews/1");
        request.Headers.Host = host;
        request.Headers.Add("x-forwarded-client-cert", Foreign);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // monitor mode forwards
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient api, string path, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var json = JsonDocument.Parse(await api.GetStringAsync(path)).RootElement.Clone();
            if (done(json))
            {
                return json;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} never reached the expected state: {json}");
            await Task.Delay(50);
        }
    }
}
