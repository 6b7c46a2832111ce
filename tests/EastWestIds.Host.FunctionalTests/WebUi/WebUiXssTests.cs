namespace EastWestIds.Host.FunctionalTests.WebUi;

/// <summary>
/// Attacker-controlled text stays text. One mirrored request carries script payloads in its path, headers and body,
/// and rules whose messages hold markup too; every view that shows them must run nothing (no flag set, no dialog, no
/// CSP violation — a violation would mean markup reached the parser even if the policy then blocked it) and must
/// show each payload as the literal characters.
/// </summary>
public sealed class WebUiXssTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    private const string Rules =
        "alert http any any -> any any (msg:\"xss body <img src=x onerror=window.__xss='msg'>\"; flow:to_server; " +
        "http.request_body; content:\"onerror\"; classtype:web-application-attack; sid:1000301; rev:1;)\n" +
        "alert http any any -> any any (msg:\"xss header </title><svg onload=window.__xss='msg2'>\"; flow:to_server; " +
        "http.header; content:\"<script>\"; classtype:web-application-attack; sid:1000302; rev:1;)\n" +
        "alert http any any -> any any (msg:\"xss path\"; flow:to_server; http.uri; content:\"<svg\"; " +
        "classtype:web-application-attack; sid:1000303; rev:1;)\n";

    private const string PathPayload = "/search?q=</title><svg/onload=window.__xss='path'>&next=javascript:window.__xss='url'";
    private const string HeaderPayload = "<script>window.__xss='header'</script><img src=x onerror=\"window.__xss='header2'\">";
    private const string BodyPayload =
        "<img src=x onerror=\"window.__xss='body';alert('body')\"><script>window.__xss='body2'</script>" +
        "<a href=\"javascript:window.__xss='link'\">x</a></textarea></pre><iframe src=\"javascript:alert(1)\"></iframe>";

    private static string Request()
    {
        var body = BodyPayload;
        return $"POST {PathPayload} HTTP/1.1\r\n" +
            "host: reviews:9080\r\n" +
            $"x-request-id: {Guid.NewGuid()}\r\n" +
            $"x-forwarded-client-cert: {MirrorRequests.Xfcc}\r\n" +
            $"x-note: {HeaderPayload}\r\n" +
            "referer: javascript:window.__xss='referer'\r\n" +
            "content-type: text/html\r\n" +
            $"content-length: {System.Text.Encoding.UTF8.GetByteCount(body)}\r\n" +
            "\r\n" + body;
    }

    /// <summary>Nothing ran and no markup reached a parser; the page has no element our code did not make.</summary>
    private static async Task AssertInertAsync(UiPage ui, string where)
    {
        await Task.Delay(300); // image error and load events fire within a few tasks of insertion
        Assert.Equal("undefined", await ui.EvalAsync<string>("typeof window.__xss"));
        Assert.True(ui.Dialogs.IsEmpty, $"{where}: a dialog opened; {ui.Diagnostics()}");
        Assert.True(ui.Errors.IsEmpty, $"{where}: page errors; {ui.Diagnostics()}");
        Assert.Empty(await ui.CspViolationsAsync());
        Assert.Equal(0, await ui.EvalAsync<int>("document.querySelectorAll('main img, main script, main iframe, main svg:not(#graph-svg), main [onerror], main [onload], main [href^=\"javascript\" i]').length"));
    }

    [Fact]
    public async Task AlertWithScriptPayloads_ExecutesNothing_AndShowsThemAsText()
    {
        await using var sink = await UiSink.StartAsync(Rules);
        await sink.MirrorAsync(Request());
        var alerts = await sink.AlertsAsync(3);
        await using var ui = await UiPage.OpenAsync(chromium, sink.AdminPort);

        await ui.GoAsync("#/alerts");
        await ui.WaitForAsync("document.querySelectorAll('tr.alert-row').length === 3");
        await AssertInertAsync(ui, "queue");
        var queue = await ui.TextAsync("#alert-rows");
        Assert.Contains("xss body <img src=x onerror=window.__xss='msg'>", queue);
        Assert.Contains("xss header </title><svg onload=window.__xss='msg2'>", queue);

        foreach (var alert in alerts)
        {
            var id = alert.GetProperty("id").GetInt64();
            var sid = alert.GetProperty("sid").GetInt32();
            await ui.GoAsync($"#/alert/{id}");
            await ui.WaitForAsync($"document.getElementById('alert-title')?.dataset.id === '{id}' && document.querySelector('#audit-holder #audit') !== null");
            await AssertInertAsync(ui, $"alert {sid}");

            Assert.Equal($"POST {PathPayload} HTTP/1.1", await ui.TextAsync("#request-line"));
            var headers = await ui.TextAsync("#request-headers");
            Assert.Contains(HeaderPayload, headers);
            Assert.Contains("javascript:window.__xss='referer'", headers);
            Assert.Contains(BodyPayload, await ui.TextAsync("#request-body"));
            await ui.Page.ClickAsync("#eve summary"); // open the EVE record: its text holds the payloads too
            Assert.Contains(alert.GetProperty("message").GetString()!, await ui.TextAsync("#eve pre"));
            await AssertInertAsync(ui, $"alert {sid} with the EVE record open");
            var mark = await ui.TextAsync("#evidence-excerpt mark.match");
            Assert.Equal(sid switch { 1000301 => "onerror", 1000302 => "<script>", _ => "<svg" }, mark);
        }

        // The graph and the suppressions list show the same identities; nothing there runs either.
        var first = alerts[0].GetProperty("id").GetInt64();
        await ui.GoAsync($"#/alert/{first}");
        await ui.WaitForAsync($"document.getElementById('alert-title')?.dataset.id === '{first}'");
        await ui.Page.ClickAsync("#suppress-form button[type=submit]");
        await ui.WaitForAsync("(document.getElementById('suppress-result')?.textContent ?? '').includes('created')");
        await ui.GoAsync("#/suppressions");
        await ui.WaitForAsync("document.querySelector('#suppressions-table') !== null");
        await AssertInertAsync(ui, "suppressions");
        await sink.WaitForAsync("api/edges", j => j.GetArrayLength() == 1, "the edge");
        await ui.GoAsync("#/graph");
        await ui.WaitForAsync("document.querySelector('#graph-svg g.edge') !== null");
        await AssertInertAsync(ui, "graph");
    }
}
