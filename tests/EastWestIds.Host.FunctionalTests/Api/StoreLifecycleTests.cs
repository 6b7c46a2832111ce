using System.Net;
using System.Text.Json;
using EastWestIds.Host.FunctionalTests.Infrastructure;

namespace EastWestIds.Host.FunctionalTests.Api;

/// <summary>The store inside the real host: survives SIGKILL, redacts by default, and never stops ingest when down.</summary>
public sealed class StoreLifecycleTests
{
    private const string Jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZUBleGFtcGxlLmNvbSJ9.c2lnbmF0dXJlLXNlY3JldA";
    private const string CookieSecret = "SESSION-SECRET-42";

    [Fact]
    public async Task ServeProcess_KilledWithSigkill_RestartsOnTheSameDataDir_WithEarlierAlerts()
    {
        var directory = Directory.CreateTempSubdirectory("ewids-kill-").FullName;
        try
        {
            var rules = Path.Combine(directory, "rules");
            Directory.CreateDirectory(rules);
            await File.WriteAllTextAsync(Path.Combine(rules, "test.rules"),
                "alert http any any -> any any (msg:\"test: marker\"; flow:to_server; http.uri; content:\"" + StoreSink.Marker + "\"; classtype:web-application-attack; sid:1000001; rev:1;)\n");
            string[] args = ["--rules", rules, "--data-dir", Path.Combine(directory, "data")];

            long[] before;
            await using (var first = await ServeProcess.StartAsync(args))
            {
                for (var i = 0; i < 5; i++)
                {
                    await MirrorAsync(first.MirrorPort, StoreSink.Attack($"before-{i}"));
                }

                before = (await WaitForAlertsAsync(first.AdminPort, 5)).ToArray();

                // More traffic right up to the kill: whatever is in flight may be lost, nothing else.
                for (var i = 0; i < 20; i++)
                {
                    await MirrorAsync(first.MirrorPort, StoreSink.Attack($"during-{i}"));
                }

                await first.KillAsync();
            }

            await using var second = await ServeProcess.StartAsync(args);
            var after = await WaitForAlertsAsync(second.AdminPort, 5);
            Assert.Superset(before.ToHashSet(), after.ToHashSet());

            // And it takes new writes.
            await MirrorAsync(second.MirrorPort, StoreSink.Attack("after-restart"));
            var grown = await WaitForAlertsAsync(second.AdminPort, after.Count + 1);
            Assert.True(grown.Count > after.Count);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Redaction_IsOnByDefault_EndToEnd()
    {
        await using var sink = await StoreSink.StartAsync();
        await sink.MirrorAsync(StoreSink.Attack("secrets", $"authorization: Bearer {Jwt}\r\ncookie: sid={CookieSecret}\r\n"));
        var list = await sink.WaitForAsync($"api/alerts?sid={StoreSink.Sid}", j => j.GetProperty("items").GetArrayLength() == 1);
        var id = list.GetProperty("items")[0].GetProperty("id").GetInt64();
        var raw = await sink.Client.GetStringAsync($"api/alerts/{id}");
        var alert = JsonDocument.Parse(raw).RootElement;

        Assert.True(alert.GetProperty("redacted").GetBoolean());
        Assert.DoesNotContain(CookieSecret, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("c2lnbmF0dXJlLXNlY3JldA", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJzdWIiOiJhbGljZUBleGFtcGxlLmNvbSJ9", raw, StringComparison.Ordinal);
        var authorization = alert.GetProperty("request").GetProperty("headers").EnumerateArray().Single(h => h.GetProperty("name").GetString() == "authorization");
        Assert.StartsWith("Bearer ", authorization.GetProperty("value").GetString());
        var export = await sink.Client.GetStringAsync("api/export/alerts.jsonl");
        Assert.DoesNotContain(CookieSecret, export, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoRedact_KeepsTheSecrets()
    {
        await using var sink = await StoreSink.StartAsync(redact: false);
        await sink.MirrorAsync(StoreSink.Attack("secrets", $"cookie: sid={CookieSecret}\r\n"));
        var list = await sink.WaitForAsync($"api/alerts?sid={StoreSink.Sid}", j => j.GetProperty("items").GetArrayLength() == 1);
        var raw = await sink.Client.GetStringAsync($"api/alerts/{list.GetProperty("items")[0].GetProperty("id").GetInt64()}");
        Assert.Contains(CookieSecret, raw, StringComparison.Ordinal);
        Assert.False(JsonDocument.Parse(raw).RootElement.GetProperty("redacted").GetBoolean());
    }

    [Fact]
    public async Task StoreDown_IngestGoesOn_ApiAnswers503_MetricsSayDown()
    {
        // Nothing listens on port 1: every connection attempt is refused at once.
        await using var sink = await StoreSink.StartAsync(store: "postgres://ewids:ewids@127.0.0.1:1/ewids");
        await sink.MirrorAsync(StoreSink.Attack("while-down"));

        // The alert still reaches the EVE output, and it waits in the store's queue for the database.
        await sink.Server.Alerts.WaitForAsync(_ => sink.Server.Alerts.Alerts(StoreSink.Sid).Count == 1, what: "the EVE alert");
        await AdminApiTests.AssertProblemAsync(sink.Client, "api/alerts", HttpStatusCode.ServiceUnavailable, "postgres");
        Assert.Equal(0, await sink.Server.MetricAsync("eastwestids_store_up{store=\"postgres\"}"));
        Assert.True(await sink.Server.MetricAsync("eastwestids_store_queue_items") >= 1);
    }

    private static async Task MirrorAsync(int port, string request)
    {
        await using var client = await RawHttpClient.ConnectAsync(port);
        await client.SendAsync(request);
        await client.ReadResponsesAsync(1);
    }

    private static async Task<List<long>> WaitForAlertsAsync(int adminPort, int atLeast)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}/") };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            using var response = await client.GetAsync($"api/alerts?sid={StoreSink.Sid}&limit=1000");
            if (response.IsSuccessStatusCode)
            {
                var ids = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("items")
                    .EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
                if (ids.Count >= atLeast)
                {
                    return ids;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"fewer than {atLeast} alerts after 20 s");
            await Task.Delay(100);
        }
    }
}
