using System.Net;
using System.Text.Json;
using EastWestIds.Host.FunctionalTests.Proxy;
using EastWestIds.Host.Proxy;
using EastWestIds.Host.Storage;
using EastWestIds.Storage;

namespace EastWestIds.Host.FunctionalTests.WebUi;

/// <summary>
/// The web UI on <c>ewids proxy</c>'s own admin port, in a real browser: an alert the proxy blocked says so on its page;
/// a mirror's alert (which only observes) shows no outcome at all.
/// </summary>
public sealed class WebUiProxyOutcomeTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    [Fact]
    public async Task AlertPage_OnTheProxy_ShowsBlocked()
    {
        var dir = Directory.CreateTempSubdirectory("ewids-webui-proxy-").FullName;
        try
        {
            await using var upstream = await RecordingUpstream.StartAsync();
            await using var proxy = await ProxyServer.StartAsync(upstream, o => o with
            {
                Mode = ProxyMode.Enforce,
                Store = new StoreHostOptions { Settings = new StoreSettings { DataDirectory = dir } },
            });
            using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/reviews/1");
            request.Headers.Add("x-forwarded-client-cert", "By=spiffe://cluster.local/ns/default/sa/default;URI=spiffe://evil.example/ns/default/sa/attacker");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var id = await StoredAlertIdAsync(proxy.AdminAddress, 9200005);
            await using var ui = await UiPage.OpenAsync(chromium, proxy.AdminPort);

            await ui.GoAsync($"#/alert/{id}");
            await ui.WaitForAsync("document.getElementById('request-line') !== null");

            Assert.Equal("blocked", await ui.TextAsync("#outcome"));
            Assert.True(ui.Errors.IsEmpty, ui.Diagnostics());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task AlertPage_OnTheSink_ShowsNoOutcome()
    {
        await using var sink = await UiSink.StartAsync(
            "alert http any any -> any any (msg:\"test: admin path\"; flow:to_server; http.uri; content:\"/admin\"; classtype:attempted-recon; sid:1000202; rev:1;)\n");
        await sink.MirrorAsync($"GET /admin/users HTTP/1.1\r\nhost: reviews:9080\r\nx-forwarded-client-cert: {MirrorRequests.Xfcc}\r\n\r\n");
        var id = (await sink.AlertsAsync(1))[0].GetProperty("id").GetInt64();
        await using var ui = await UiPage.OpenAsync(chromium, sink.AdminPort);

        await ui.GoAsync($"#/alert/{id}");
        await ui.WaitForAsync("document.getElementById('request-line') !== null");

        Assert.Equal("none", (await sink.GetAsync($"api/alerts/{id}")).GetProperty("outcome").GetString());
        Assert.False(await ui.EvalAsync<bool>("document.getElementById('outcome') !== null"));
    }

    private static async Task<long> StoredAlertIdAsync(Uri admin, int sid)
    {
        using var api = new HttpClient { BaseAddress = admin };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var items = JsonDocument.Parse(await api.GetStringAsync($"api/alerts?sid={sid}")).RootElement.GetProperty("items");
            if (items.GetArrayLength() > 0)
            {
                return items[0].GetProperty("id").GetInt64();
            }

            Assert.True(DateTime.UtcNow < deadline, $"alert {sid} never stored");
            await Task.Delay(50);
        }
    }
}
