using System.Net;
using System.Text.Json;
using EastWestIds.Host.FunctionalTests.Proxy;
using EastWestIds.Host.Proxy;
using EastWestIds.Host.Storage;
using EastWestIds.Storage;

namespace EastWestIds.Host.FunctionalTests.Api;

/// <summary>
/// The <c>outcome</c> filter on <c>ewids proxy</c>'s own admin API: what the proxy did with each request is a filter
/// like the verdict, in the list and the exports; an unknown word is a 400 that lists the accepted ones.
/// </summary>
public sealed class OutcomeFilterTests
{
    private const string Attacker = "By=spiffe://cluster.local/ns/default/sa/default;URI=spiffe://evil.example/ns/default/sa/attacker";

    [Theory]
    [InlineData(true, "blocked", "would-block")]
    [InlineData(false, "would-block", "blocked")]
    public async Task ProxyAlert_FoundByItsOutcome_NotByAnother(bool enforce, string outcome, string other)
    {
        var mode = enforce ? ProxyMode.Enforce : ProxyMode.Monitor;
        var dir = Directory.CreateTempSubdirectory("ewids-api-outcome-").FullName;
        try
        {
            await using var upstream = await RecordingUpstream.StartAsync();
            await using var proxy = await ProxyServer.StartAsync(upstream, o => o with
            {
                Mode = mode,
                Store = new StoreHostOptions { Settings = new StoreSettings { DataDirectory = dir } },
            });
            using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/reviews/1");
            request.Headers.Add("x-forwarded-client-cert", Attacker);
            using var response = await client.SendAsync(request);
            Assert.Equal(mode == ProxyMode.Enforce ? HttpStatusCode.Forbidden : HttpStatusCode.OK, response.StatusCode);
            using var api = new HttpClient { BaseAddress = proxy.AdminAddress };

            var found = await WaitForItemsAsync(api, $"api/alerts?sid=9200005&outcome={outcome}");
            Assert.Equal(outcome, found[0].GetProperty("outcome").GetString());
            Assert.Empty(Items(await api.GetStringAsync($"api/alerts?sid=9200005&outcome={other},none")));
            Assert.Single(Items(await api.GetStringAsync($"api/alerts?sid=9200005&outcome={other}&outcome={outcome.ToUpperInvariant()}")));
            var csv = await api.GetStringAsync($"api/export/alerts.csv?sid=9200005&outcome={outcome}");
            Assert.Equal(2, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Empty((await api.GetStringAsync($"api/export/alerts.jsonl?outcome={other}")).Trim());
            await AdminApiTests.AssertProblemAsync(api, "api/alerts?outcome=denied", HttpStatusCode.BadRequest,
                "'outcome' value 'denied' is not one of: none, allowed, blocked, would-block, failed-open, failed-closed");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static JsonElement[] Items(string json) => [.. JsonDocument.Parse(json).RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone())];

    private static async Task<JsonElement[]> WaitForItemsAsync(HttpClient api, string path)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var items = Items(await api.GetStringAsync(path));
            if (items.Length > 0)
            {
                return items;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path}: nothing stored");
            await Task.Delay(50);
        }
    }
}
