using System.Net;
using System.Text.Json;
using EastWestIds.Host.FunctionalTests.Proxy;
using EastWestIds.Host.Proxy;
using EastWestIds.Host.Storage;
using EastWestIds.Storage;

namespace EastWestIds.Host.FunctionalTests.WebUi;

/// <summary>
/// What an analyst needs beside the evidence, in a real browser: the signatures folded into one alert per attack
/// family (related sids, with the signature and where each matched), the callee as the Service it is however the caller
/// spelled its host, and what the inline proxy did (outcome) in the queue, its filters and the alert page.
/// </summary>
public sealed class WebUiAnalystFieldsTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    // Two rules of one family on one marker: one alert (the lower sid wins the tie) with the other as related.
    private const string FamilyRules =
        "alert http any any -> any any (msg:\"test: family marker (uri)\"; flow:to_server; http.uri; content:\"EWIDS-FAM\"; " +
        "classtype:web-application-attack; sid:1000301; rev:1; metadata:ewids_family sqli;)\n" +
        "alert http any any -> any any (msg:\"test: family marker <b>raw</b>\"; flow:to_server; http.uri.raw; content:\"ewids-fam\"; nocase; " +
        "classtype:web-application-attack; sid:1000302; rev:1; metadata:ewids_family sqli;)\n";

    private static string FamilyGet(string host) =>
        $"GET /reviews/0?q=EWIDS-FAM HTTP/1.1\r\nhost: {host}\r\nx-request-id: {Guid.NewGuid()}\r\nx-forwarded-client-cert: {MirrorRequests.Xfcc}\r\n\r\n";

    [Fact]
    public async Task AlertPage_ShowsRelatedSidsAndTheCalleeService_QueueShowsTheService()
    {
        await using var sink = await UiSink.StartAsync(FamilyRules);
        await sink.MirrorAsync(FamilyGet("ratings.default.svc.cluster.local:9080"));
        var alert = Assert.Single(await sink.AlertsAsync(1));
        var id = alert.GetProperty("id").GetInt64();
        Assert.Equal(1000301, alert.GetProperty("sid").GetInt32());
        Assert.Equal([1000302], (await sink.GetAsync($"api/alerts/{id}")).GetProperty("relatedSids").EnumerateArray().Select(s => s.GetInt32()));
        await using var ui = await UiPage.OpenAsync(chromium, sink.AdminPort);

        // The queue names the Service; the host as the caller wrote it is in the cell's title.
        await ui.GoAsync("#/alerts");
        await ui.WaitForAsync("document.querySelectorAll('tr.alert-row').length === 1");
        Assert.Equal("ratings (default)", await ui.TextAsync("tr.alert-row td.callee"));
        Assert.Equal("ratings.default (called as ratings.default.svc.cluster.local)", await ui.EvalAsync<string>("document.querySelector('tr.alert-row td.callee').title"));
        Assert.Equal("", await ui.TextAsync("tr.alert-row td.outcome")); // a mirror only observes: no outcome badge

        await ui.GoAsync($"#/alert/{id}");
        await ui.WaitForAsync("document.getElementById('related-sids') !== null");

        Assert.Equal(["1000302"], await ui.EvalAsync<string[]>("[...document.querySelectorAll('#related-sids tbody tr')].map(r => r.dataset.sid)"));
        var row = await ui.TextAsync("#related-sids tbody tr");
        Assert.Contains("test: family marker <b>raw</b>", row); // the rule's message as text, never markup
        Assert.Contains("EWIDS-FAM", row); // where it matched, from the EVE line's mesh.related
        Assert.Equal(0, await ui.EvalAsync<int>("document.querySelectorAll('#related-sids b').length"));
        Assert.Contains("also matched: sid 1000302", await ui.TextAsync("p.summary"));
        Assert.Equal("ratings.default", await ui.TextAsync("#callee-service"));
        Assert.Equal("ratings.default.svc.cluster.local", await ui.TextAsync("#callee-host"));
        Assert.Contains("ratings.default", await ui.TextAsync("#suppress-form"));
        var edgeLink = await ui.EvalAsync<string>("[...document.querySelectorAll('main a')].find(a => a.textContent === 'Other alerts on this edge').getAttribute('href')");
        Assert.Contains("callee=ratings.default", edgeLink);
        Assert.True(ui.Errors.IsEmpty, ui.Diagnostics());
        Assert.Empty(await ui.CspViolationsAsync());
    }

    [Fact]
    public async Task AlertWithoutRelatedSids_HasNoRelatedSection()
    {
        await using var sink = await UiSink.StartAsync(FamilyRules.Split('\n')[0] + "\n");
        await sink.MirrorAsync(FamilyGet("ratings:9080"));
        var id = (await sink.AlertsAsync(1))[0].GetProperty("id").GetInt64();
        await using var ui = await UiPage.OpenAsync(chromium, sink.AdminPort);

        await ui.GoAsync($"#/alert/{id}");
        await ui.WaitForAsync("document.getElementById('request-line') !== null");

        Assert.False(await ui.EvalAsync<bool>("document.getElementById('related-sids') !== null"));
        Assert.Equal("ratings.default", await ui.TextAsync("#callee-service")); // a short name resolves in the caller's namespace
    }

    [Fact]
    public async Task Queue_OnTheProxy_ShowsEachOutcome_AndFiltersByIt()
    {
        var dir = Directory.CreateTempSubdirectory("ewids-webui-outcome-").FullName;
        try
        {
            await using var upstream = await RecordingUpstream.StartAsync();
            await using var proxy = await ProxyServer.StartAsync(upstream, o => o with
            {
                Mode = ProxyMode.Enforce,
                Store = new StoreHostOptions { Settings = new StoreSettings { DataDirectory = dir } },
            });
            using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
            // A caller from a foreign trust domain is blocked (severity 1); no XFCC at all is a medium finding: allowed.
            using (var request = new HttpRequestMessage(HttpMethod.Get, "/reviews/1"))
            {
                request.Headers.Add("x-forwarded-client-cert", "By=spiffe://cluster.local/ns/default/sa/default;URI=spiffe://evil.example/ns/default/sa/attacker");
                Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
            }

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/reviews/2")).StatusCode);
            using var api = new HttpClient { BaseAddress = proxy.AdminAddress };
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (JsonDocument.Parse(await api.GetStringAsync("api/alerts")).RootElement.GetProperty("items").GetArrayLength() < 2)
            {
                Assert.True(DateTime.UtcNow < deadline, "two alerts never stored");
                await Task.Delay(50);
            }

            await using var ui = await UiPage.OpenAsync(chromium, proxy.AdminPort);
            await ui.GoAsync("#/alerts");
            await ui.WaitForAsync("document.querySelectorAll('tr.alert-row').length === 2");
            Assert.Equal(["allowed", "blocked"], (await ui.EvalAsync<string[]>("[...document.querySelectorAll('tr.alert-row td.outcome')].map(c => c.textContent)")).Order(StringComparer.Ordinal));
            Assert.Equal(1, await ui.EvalAsync<int>("document.querySelectorAll('tr.alert-row td.outcome .badge.outcome-blocked').length"));

            await ui.Page.SelectAsync("#filter-outcome", "blocked");
            await ui.Page.ClickAsync("form.filters button[type=submit]");
            await ui.WaitForAsync("location.hash.includes('outcome=blocked') && document.querySelectorAll('tr.alert-row').length === 1");
            Assert.Equal("blocked", await ui.TextAsync("tr.alert-row td.outcome"));
            Assert.Contains("9200005", await ui.TextAsync("#alert-rows"));

            // The filter survives a reload (it lives in the URL) and the select shows it.
            await ui.GoAsync("#/alerts?outcome=allowed");
            await ui.WaitForAsync("document.querySelectorAll('tr.alert-row').length === 1 && document.querySelector('tr.alert-row td.outcome').textContent === 'allowed'");
            Assert.Equal("allowed", await ui.EvalAsync<string>("document.getElementById('filter-outcome').value"));
            Assert.True(ui.Errors.IsEmpty, ui.Diagnostics());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}
