using System.Net;
using System.Text;
using System.Text.Json;

namespace EastWestIds.Host.FunctionalTests.WebUi;

/// <summary>
/// The analyst's path in a real browser against a real sink: alerts mirrored through the mirror port land in the
/// store, the queue lists and filters them, an alert's page triages and suppresses, the graph opens an edge's alerts.
/// </summary>
public sealed class WebUiAlertTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    private const int BodySid = 1000201;
    private const int AdminPathSid = 1000202;

    private const string Rules =
        "alert http any any -> any any (msg:\"test: marker in the body\"; flow:to_server; http.request_body; " +
        "content:\"EWIDS-MARKER\"; classtype:web-application-attack; sid:1000201; rev:1;)\n" +
        "alert http any any -> any any (msg:\"test: admin path\"; flow:to_server; http.uri; " +
        "content:\"/admin\"; classtype:attempted-recon; sid:1000202; rev:1;)\n";

    private static string MarkerPost(string host = "reviews:9080") =>
        MirrorRequests.Post(Guid.NewGuid().ToString(), "{\"note\":\"EWIDS-MARKER\"}").Replace("host: reviews:9080", "host: " + host, StringComparison.Ordinal);

    private static string AdminGet(string host) =>
        $"GET /admin/users HTTP/1.1\r\nhost: {host}\r\nx-request-id: {Guid.NewGuid()}\r\nx-forwarded-client-cert: {MirrorRequests.Xfcc}\r\n\r\n";

    /// <summary>Three alerts: the body marker on reviews, the admin path on ratings and on reviews.</summary>
    private static async Task<UiSink> StartWithAlertsAsync()
    {
        var sink = await UiSink.StartAsync(Rules);
        await sink.MirrorAsync(MarkerPost(), AdminGet("ratings:9080"), AdminGet("reviews:9080"));
        await sink.AlertsAsync(3);
        return sink;
    }

    private static async Task<string[]> RowIdsAsync(UiPage ui) =>
        await ui.EvalAsync<string[]>("[...document.querySelectorAll('tr.alert-row')].map(r => r.dataset.id)");

    [Fact]
    public async Task Queue_ListsTheAlertsMirroredThroughTheSink()
    {
        await using var sink = await StartWithAlertsAsync();
        var api = await sink.AlertsAsync(3);
        await using var ui = await UiPage.OpenAsync(chromium, sink.AdminPort);

        await ui.GoAsync("#/alerts");
        await ui.WaitForAsync("document.querySelectorAll('tr.alert-row').length === 3");

        Assert.Equal(api.Select(a => a.GetProperty("id").GetInt64().ToString()).ToArray(), await RowIdsAsync(ui));
        var text = await ui.TextAsync("#alert-rows");
        Assert.Contains("test: marker in the body", text);
        Assert.Contains("test: admin path", text);
        Assert.Contains(BodySid.ToString(), text);
        Assert.True(ui.Errors.IsEmpty, ui.Diagnostics());
        Assert.Empty(await ui.CspViolationsAsync());
    }

    [Fact]
    public async Task Filter_BySidAndSeverity_NarrowsTheQueue()
    {
        await using var sink = await StartWithAlertsAsync();
        await using var ui = await UiPage.OpenAsync(chromium, sink.AdminPort);
        await ui.GoAsync("#/alerts");
        await ui.WaitForAsync("document.querySelectorAll('tr.alert-row').length === 3");

        await ui.Page.TypeAsync("#filter-sid", AdminPathSid.ToString());
        await ui.Page.Keyboard.PressAsync("Enter");
        await ui.WaitForAsync($"location.hash.includes('sid={AdminPathSid}') && document.querySelectorAll('tr.alert-row').length === 2");
        var sids = await ui.EvalAsync<string[]>("[...document.querySelectorAll('tr.alert-row td:nth-child(3)')].map(c => c.textContent)");
        Assert.All(sids, s => Assert.Equal(AdminPathSid.ToString(), s));

        await ui.Page.ClickAsync("#filter-clear");
        await ui.WaitForAsync("document.querySelectorAll('tr.alert-row').length === 3");
        await ui.Page.SelectAsync("#filter-severity", "high");
        await ui.Page.ClickAsync("form.filters button[type=submit]");
        await ui.WaitForAsync("location.hash.includes('severity=high') && document.querySelectorAll('tr.alert-row').length === 1");
        Assert.Contains("test: marker in the body", await ui.TextAsync("#alert-rows"));
    }

    [Fact]
    public async Task Filter_TheApiRefuses_ShowsItsMessage()
    {
        await using var sink = await StartWithAlertsAsync();
        await using var ui = await UiPage.OpenAsync(chromium, sink.AdminPort);

        await ui.GoAsync("#/alerts?sid=notanumber");
        await ui.WaitForAsync("!document.getElementById('error').hidden");

        Assert.Contains("400", await ui.TextAsync("#error"));
        Assert.Contains("sid", await ui.TextAsync("#error"));
    }

    [Fact]
    public async Task Keyboard_JAndKMoveThroughRows_EnterOpens_EscapeReturns()
    {
        await using var sink = await StartWithAlertsAsync();
        await using var ui = await UiPage.OpenAsync(chromium, sink.AdminPort);
        await ui.GoAsync("#/alerts");
        await ui.WaitForAsync("document.querySelectorAll('tr.alert-row').length === 3");
        var ids = await RowIdsAsync(ui);

        // Tab from the last control before the table lands on the first row (one row is in the Tab order).
        await ui.Page.FocusAsync("#export-jsonl");
        await ui.Page.Keyboard.PressAsync("Tab");
        Assert.Equal("row:" + ids[0], await ui.FocusedAsync());
        await ui.Page.Keyboard.PressAsync("j");
        await ui.Page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal("row:" + ids[2], await ui.FocusedAsync());
        await ui.Page.Keyboard.PressAsync("k");
        Assert.Equal("row:" + ids[1], await ui.FocusedAsync());
        var outline = await ui.EvalAsync<string>("getComputedStyle(document.activeElement).outlineStyle");
        Assert.Equal("solid", outline);

        await ui.Page.Keyboard.PressAsync("Enter");
        await ui.WaitForAsync($"location.hash === '#/alert/{ids[1]}' && document.activeElement.id === 'alert-title'");
        await ui.Page.Keyboard.PressAsync("Escape");
        await ui.WaitForAsync("location.hash.startsWith('#/alerts') && document.querySelectorAll('tr.alert-row').length === 3");
    }

    [Fact]
    public async Task AlertPage_ShowsRequestIdentitiesAndTheMatchedSpan()
    {
        await using var sink = await StartWithAlertsAsync();
        var body = (await sink.AlertsAsync(3)).Single(a => a.GetProperty("sid").GetInt32() == BodySid);
        var id = body.GetProperty("id").GetInt64();
        var detail = await sink.GetAsync($"api/alerts/{id}");
        await using var ui = await UiPage.OpenAsync(chromium, sink.AdminPort);

        await ui.GoAsync($"#/alert/{id}");
        await ui.WaitForAsync("document.getElementById('request-line') !== null");

        Assert.Equal("test: marker in the body", await ui.TextAsync("#alert-title"));
        Assert.Equal(detail.GetProperty("request").GetProperty("requestLine").GetString(), await ui.TextAsync("#request-line"));
        Assert.Contains("EWIDS-MARKER", await ui.TextAsync("#request-body"));
        Assert.Equal("EWIDS-MARKER", await ui.TextAsync("#request-body mark.match"));
        Assert.Equal("EWIDS-MARKER", await ui.TextAsync("#evidence-excerpt mark.match"));
        Assert.Contains(MirrorRequests.Caller, await ui.TextAsync("main"));
        Assert.Contains(detail.GetProperty("callee").GetProperty("service").GetString()!, await ui.TextAsync("main"));
        Assert.Contains("x-request-id", await ui.TextAsync("#request-headers"));
    }

    [Fact]
    public async Task Triage_ChangesTheState_AndTheApiShowsIt()
    {
        await using var sink = await StartWithAlertsAsync();
        var id = (await sink.AlertsAsync(3))[0].GetProperty("id").GetInt64();
        await using var ui = await UiPage.OpenAsync(chromium, sink.AdminPort);
        await ui.GoAsync($"#/alert/{id}");
        await ui.WaitForAsync("document.getElementById('triage-form') !== null");

        await ui.Page.SelectAsync("#triage-state", "false-positive");
        await ui.Page.TypeAsync("#triage-comment", "health checker, expected");
        await ui.Page.TypeAsync("#triage-actor", "alice");
        await ui.Page.Keyboard.PressAsync("Tab"); // the name is kept on change
        await ui.Page.ClickAsync("#triage-form button[type=submit]");
        await ui.WaitForAsync("(document.getElementById('triage-current')?.textContent ?? '').includes('false-positive') && document.querySelector('#audit li') !== null");

        var triage = (await sink.GetAsync($"api/alerts/{id}")).GetProperty("triage");
        Assert.Equal("false-positive", triage.GetProperty("state").GetString());
        Assert.Equal("health checker, expected", triage.GetProperty("comment").GetString());
        Assert.Equal("alice", triage.GetProperty("actor").GetString());
        Assert.Contains("alice", await ui.TextAsync("#audit"));
        Assert.Contains("new → false-positive", await ui.TextAsync("#audit"));
        Assert.Equal("triage-state", await ui.FocusedAsync()); // the keyboard stays in the form after the redraw
        Assert.Equal("Saved: false-positive.", await ui.TextAsync("#triage-result"));

        // The queue shows the new state too.
        await ui.GoAsync("#/alerts?state=false-positive");
        await ui.WaitForAsync("document.querySelectorAll('tr.alert-row').length === 1");
        Assert.Equal(id.ToString(), (await RowIdsAsync(ui))[0]);
    }

    [Fact]
    public async Task Suppress_CreatesASuppression_AndFutureMatchesAreNotAlerted()
    {
        await using var sink = await StartWithAlertsAsync();
        var alert = (await sink.AlertsAsync(3)).Single(a => a.GetProperty("sid").GetInt32() == BodySid);
        var id = alert.GetProperty("id").GetInt64();
        await using var ui = await UiPage.OpenAsync(chromium, sink.AdminPort);
        await ui.GoAsync($"#/alert/{id}");
        await ui.WaitForAsync("document.getElementById('suppress-form') !== null");

        await ui.Page.TypeAsync("#suppress-comment", "synthetic monitor");
        await ui.Page.ClickAsync("#suppress-form button[type=submit]");
        await ui.WaitForAsync("(document.getElementById('suppress-result')?.textContent ?? '').includes('created')");

        var suppression = Assert.Single((await sink.GetAsync("api/suppressions")).EnumerateArray());
        Assert.Equal(BodySid, suppression.GetProperty("sid").GetInt32());
        Assert.Equal(alert.GetProperty("caller").GetString(), suppression.GetProperty("caller").GetString());
        // Keyed by the Service (name.namespace), whatever the caller typed.
        Assert.Equal(alert.GetProperty("calleeName").GetString() + "." + alert.GetProperty("calleeNamespace").GetString(), suppression.GetProperty("callee").GetString());
        Assert.Equal("synthetic monitor", suppression.GetProperty("comment").GetString());

        await ui.Page.ClickAsync("#suppress-result a");
        await ui.WaitForAsync("document.querySelectorAll('#suppressions-table tbody tr').length === 1");
        Assert.Contains("synthetic monitor", await ui.TextAsync("#suppressions-table"));

        // The same match again is counted, not alerted; the admin-path alert after it shows the first was processed.
        await sink.MirrorAsync(MarkerPost(), AdminGet("ratings:9080"));
        var after = await sink.AlertsAsync(4);
        Assert.Single(after, a => a.GetProperty("sid").GetInt32() == BodySid);
    }

    [Fact]
    public async Task Graph_ShowsTheEdges_AndAnEdgeOpensItsAlerts()
    {
        await using var sink = await StartWithAlertsAsync();
        var edges = await sink.WaitForAsync("api/edges", j => j.GetArrayLength() == 2, "two edges");
        var ratings = edges.EnumerateArray().Single(e => e.GetProperty("callee").GetString()!.StartsWith("ratings", StringComparison.Ordinal));
        var callee = ratings.GetProperty("callee").GetString()!;
        await using var ui = await UiPage.OpenAsync(chromium, sink.AdminPort);

        await ui.GoAsync("#/graph");
        await ui.WaitForAsync("document.querySelectorAll('#graph-svg g.edge').length === 2");
        Assert.Equal(3, await ui.EvalAsync<int>("document.querySelectorAll('#graph-svg g.node').length")); // one caller, two callees
        Assert.Equal(2, await ui.EvalAsync<int>("document.querySelectorAll('#edges-table tbody tr').length"));

        // A real mouse click on the middle of the ratings edge's curve.
        var point = await ui.Page.EvaluateFunctionAsync<double[]>(
            """
            callee => {
              const path = [...document.querySelectorAll('#graph-svg g.edge')].find(g => g.dataset.callee === callee).querySelector('path.line');
              const p = path.getPointAtLength(path.getTotalLength() / 2).matrixTransform(path.getScreenCTM());
              return [p.x, p.y];
            }
            """, callee);
        await ui.Page.Mouse.ClickAsync((decimal)point[0], (decimal)point[1]);
        await ui.WaitForAsync("location.hash.startsWith('#/alerts?') && document.querySelectorAll('tr.alert-row').length === 1");

        var hash = await ui.EvalAsync<string>("location.hash");
        Assert.Contains("callee=" + Uri.EscapeDataString(callee), hash);
        Assert.Contains("caller=" + Uri.EscapeDataString(MirrorRequests.Caller), hash);
        Assert.Contains("test: admin path", await ui.TextAsync("#alert-rows"));
    }

    [Fact]
    public async Task Queue_OlderAlerts_LoadPageByPageWithTheCursor()
    {
        await using var sink = await UiSink.StartAsync(Rules);
        await sink.MirrorAsync([.. Enumerable.Range(0, 55).Select(_ => AdminGet("ratings:9080"))]);
        var all = await sink.AlertsAsync(55);
        await using var ui = await UiPage.OpenAsync(chromium, sink.AdminPort);
        await ui.GoAsync("#/alerts");
        await ui.WaitForAsync("document.querySelectorAll('tr.alert-row').length === 50 && !document.getElementById('load-more').hidden");

        await ui.Page.ClickAsync("#load-more");
        await ui.WaitForAsync("document.querySelectorAll('tr.alert-row').length === 55 && document.getElementById('load-more').hidden");

        Assert.Equal(all.Select(a => a.GetProperty("id").GetInt64().ToString()).ToArray(), await RowIdsAsync(ui));
    }

    [Fact]
    public async Task Export_DownloadsTheFilteredAlertsAsCsv()
    {
        await using var sink = await StartWithAlertsAsync();
        var downloads = Directory.CreateTempSubdirectory("ewids-webui-downloads-").FullName;
        try
        {
            await using var ui = await UiPage.OpenAsync(chromium, sink.AdminPort);
            await ui.Page.Client.SendAsync("Browser.setDownloadBehavior", new { behavior = "allow", downloadPath = downloads });
            await ui.GoAsync($"#/alerts?sid={AdminPathSid}");
            await ui.WaitForAsync("document.querySelectorAll('tr.alert-row').length === 2");

            await ui.Page.ClickAsync("#export-csv");
            var file = Path.Combine(downloads, "alerts.csv");
            for (var i = 0; i < 200 && !File.Exists(file); i++)
            {
                await Task.Delay(50);
            }

            var lines = (await File.ReadAllLinesAsync(file)).Where(l => l.Length > 0).ToArray();
            Assert.Equal(3, lines.Length); // header + the two filtered alerts
            Assert.All(lines.Skip(1), l => Assert.Contains(AdminPathSid.ToString(), l));
        }
        finally
        {
            Directory.Delete(downloads, recursive: true);
        }
    }

    [Fact]
    public async Task Queue_NewAlertAppearsWithoutAReload()
    {
        await using var sink = await UiSink.StartAsync(Rules);
        await sink.MirrorAsync(MarkerPost());
        await sink.AlertsAsync(1);
        await using var ui = await UiPage.OpenAsync(chromium, sink.AdminPort);
        await ui.GoAsync("#/alerts");
        await ui.WaitForAsync("document.querySelectorAll('tr.alert-row').length === 1 && document.getElementById('live').textContent === 'live: stream'");
        await ui.EvalAsync<bool>("(window.__marker = true)");
        // The server reads its starting point a moment after the stream opens (it polls the store once a second);
        // an alert stored before that is already on the page, one after it is announced. Wait past that moment so
        // the alert below is the announced kind.
        await Task.Delay(1500);

        await sink.MirrorAsync(AdminGet("ratings:9080"));

        await ui.WaitForAsync("document.querySelectorAll('tr.alert-row').length === 2");
        Assert.True(await ui.EvalAsync<bool>("window.__marker === true"), "the page was reloaded");
        Assert.Contains("test: admin path", await ui.TextAsync("tr.alert-row:first-child"));
    }

    [Fact]
    public async Task Token_WhenTheApiWantsOne_ThePageAsksAndKeepsItForTheTab()
    {
        var dir = Directory.CreateTempSubdirectory("ewids-webui-token-").FullName;
        try
        {
            await using var sink = await Infrastructure.SinkServer.StartAsync(o => o with
            {
                AdminAuth = new global::EastWestIds.Host.Api.AdminAuthOptions { Token = "s3cret-token" },
                Store = new global::EastWestIds.Host.Storage.StoreHostOptions { Settings = new EastWestIds.Storage.StoreSettings { Store = "sqlite:" + Path.Combine(dir, "ewids.db") } },
            });
            await using var ui = await UiPage.OpenAsync(chromium, sink.AdminPort);

            await ui.GoAsync("#/alerts");
            await ui.WaitForAsync("!document.getElementById('token').hidden && document.activeElement.id === 'token-input'");
            await ui.Page.TypeAsync("#token-input", "s3cret-token");
            await ui.Page.Keyboard.PressAsync("Enter");
            await ui.WaitForAsync("document.getElementById('token').hidden && (document.querySelector('main p.count')?.textContent ?? '') === 'No alerts match.'");

            Assert.Equal("s3cret-token", await ui.EvalAsync<string>("sessionStorage.getItem('ewids.token')"));
            Assert.Null(await ui.EvalAsync<string?>("localStorage.getItem('ewids.token')"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
