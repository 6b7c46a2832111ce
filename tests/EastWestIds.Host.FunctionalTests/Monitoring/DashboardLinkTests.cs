using System.Text.Json;
using System.Text.RegularExpressions;
using EastWestIds.Host.Authorization;
using EastWestIds.Host.FunctionalTests.WebUi;
using EastWestIds.TestCommon;

namespace EastWestIds.Host.FunctionalTests.Monitoring;

/// <summary>
/// The dashboard's way to the alert queue: the namespace and service variables, the <c>$ewids_ui</c> base URL, the
/// dashboard link to the web UI, and the top-unauthorized-edges table's data links. Each data link is resolved the way
/// Grafana would, with label values the sink really exports, and opened in a browser against a running sink: the
/// queue must come up with the link's filters and list the denied call.
/// </summary>
public sealed partial class DashboardLinkTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    private const string VerdictMetric = "eastwestids_policy_verdicts_total";
    private const string Productpage = "spiffe://cluster.local/ns/bookinfo/sa/productpage";

    private static readonly string Bookinfo = RepositoryPaths.InRepository("tests", "EastWestIds.Policy.Tests", "Scenarios", "bookinfo.yaml");

    [Fact]
    public void Variables_NamespaceAndServiceFromTheVerdictMetric_AndPanelsOnItFilterByThem()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(MonitoringArtifacts.DashboardFile));
        var variables = Variables(dashboard);

        Assert.Equal($"label_values({VerdictMetric}, destination_service_namespace)", QueryOf(variables["namespace"]));
        Assert.Equal($"label_values({VerdictMetric}{{destination_service_namespace=~\"$namespace\"}}, destination_service)", QueryOf(variables["service"]));
        foreach (var name in new[] { "namespace", "service" })
        {
            Assert.True(variables[name].GetProperty("multi").GetBoolean(), name);
            Assert.Equal(".*", variables[name].GetProperty("allValue").GetString());
        }

        var onVerdicts = MonitoringArtifacts.DashboardExpressions().Where(e => e.Expression.Contains(VerdictMetric + "{", StringComparison.Ordinal)).ToList();
        Assert.True(onVerdicts.Count >= 3, "panels on the verdict metric: " + onVerdicts.Count);
        Assert.All(onVerdicts, e =>
        {
            Assert.Contains("destination_service_namespace=~\"$namespace\"", e.Expression);
            Assert.Contains("destination_service=~\"$service\"", e.Expression);
        });
    }

    [Fact]
    public async Task Links_DashboardLinkOpensTheUi_AndTheEdgeTableOpensTheQueueFilteredToThatEdge()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(MonitoringArtifacts.DashboardFile));
        var ui = Variables(dashboard)["ewids_ui"];
        Assert.Equal("http://localhost:9090", ui.GetProperty("query").GetString()); // the admin port's default
        var dashboardLink = dashboard.RootElement.GetProperty("links").EnumerateArray().Single().GetProperty("url").GetString()!;
        Assert.Equal("${ewids_ui}/#/alerts", dashboardLink);
        var table = MonitoringArtifacts.Panel(dashboard, "Top unauthorized edges");
        var dataLinks = table.GetProperty("fieldConfig").GetProperty("defaults").GetProperty("links").EnumerateArray()
            .Select(l => l.GetProperty("url").GetString()!).ToArray();
        Assert.Equal(2, dataLinks.Length);
        // The fields the links read are labels the table's query keeps.
        var query = table.GetProperty("targets")[0].GetProperty("expr").GetString()!;
        foreach (Match field in dataLinks.SelectMany(l => DataField().Matches(l)))
        {
            Assert.Contains(field.Groups["name"].Value, query);
        }

        var policies = PolicyObjectsLoader.Load([Bookinfo], "istio-system", ["cluster.local"], "cluster.local", error => Assert.Fail(error));
        await using var sink = await UiSink.StartAsync("", o => o with { Inspection = o.Inspection with { Policies = policies } });
        // productpage calls ratings by its short name (so the stored callee is the service name) and is denied.
        await sink.MirrorAsync(RatingsFrom(Productpage), RatingsFrom("spiffe://cluster.local/ns/bookinfo/sa/reviews"));
        await sink.AlertsAsync(1);
        var labels = await DeniedSeriesLabelsAsync(sink);
        var baseUrl = $"http://127.0.0.1:{sink.AdminPort}";
        await using var page = await UiPage.OpenAsync(chromium, sink.AdminPort);

        // The dashboard link: the UI's queue.
        var response = await page.Page.GoToAsync(dashboardLink.Replace("${ewids_ui}", baseUrl, StringComparison.Ordinal));
        Assert.True((int)response.Status < 400, $"{response.Status}"); // 304 when the browser cached the page
        await page.WaitForAsync("document.title.startsWith('Alerts') && document.getElementById('filter-caller') !== null");

        // Each data link, resolved as Grafana does (${__data.fields.NAME:percentencode}) with the sink's labels.
        foreach (var dataLink in dataLinks)
        {
            var resolved = DataField().Replace(dataLink.Replace("${ewids_ui}", baseUrl, StringComparison.Ordinal), m => Uri.EscapeDataString(labels[m.Groups["name"].Value]));
            Assert.DoesNotContain("$", resolved);
            var rows = await QueueRowsAsync(resolved, sink.AdminPort);
            Assert.All(rows, r => Assert.Contains("denied", r));
            Assert.All(rows, r => Assert.Contains("ratings", r));
        }
    }

    // Opens a queue URL in a new page, as Grafana opens a data link (targetBlank; in one page a hash-only change is no
    // navigation), and returns its rows; the filters must hold the link's values.
    private async Task<string[]> QueueRowsAsync(string url, int adminPort)
    {
        await using var page = await UiPage.OpenAsync(chromium, adminPort);
        var response = await page.Page.GoToAsync(url);
        Assert.True((int)response.Status < 400, $"{response.Status}");
        try
        {
            await page.WaitForAsync("document.querySelectorAll('tr.alert-row').length >= 1");
        }
        catch (PuppeteerSharp.WaitTaskTimeoutException)
        {
            Assert.Fail($"no alert in the queue at {url}: {await page.TextAsync("main")} {page.Diagnostics()}");
        }

        var query = System.Web.HttpUtility.ParseQueryString(new Uri(url).Fragment.Split('?', 2)[1]);
        foreach (var name in query.AllKeys)
        {
            Assert.Equal(query[name], await page.EvalAsync<string>($"document.getElementById('filter-{name}').value"));
        }

        return await page.EvalAsync<string[]>("[...document.querySelectorAll('tr.alert-row')].map(r => r.textContent)");
    }

    private static string RatingsFrom(string principal) =>
        $"GET /ratings/0 HTTP/1.1\r\nHost: ratings-shadow:9080\r\nx-request-id: {Guid.NewGuid()}\r\n" +
        $"x-forwarded-client-cert: By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash=e40c3a8e;Subject=\"\";URI={principal}\r\n\r\n";

    // The labels of the denied series on the sink's /metrics: what the table's row (and so the link) would carry.
    private static async Task<Dictionary<string, string>> DeniedSeriesLabelsAsync(UiSink sink)
    {
        using var client = new HttpClient();
        var text = await client.GetStringAsync($"http://127.0.0.1:{sink.AdminPort}/metrics");
        var line = text.Split('\n').Single(l => l.StartsWith(VerdictMetric + "{", StringComparison.Ordinal) && l.Contains("verdict=\"denied\"", StringComparison.Ordinal) && !l.EndsWith(" 0", StringComparison.Ordinal));
        return Label().Matches(line).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);
    }

    private static Dictionary<string, JsonElement> Variables(JsonDocument dashboard) =>
        dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray()
            .ToDictionary(v => v.GetProperty("name").GetString()!, v => v.Clone());

    private static string QueryOf(JsonElement variable)
    {
        Assert.Equal("query", variable.GetProperty("type").GetString());
        return variable.GetProperty("query").GetProperty("query").GetString()!;
    }

    [GeneratedRegex(@"\$\{__data\.fields\.(?<name>\w+):percentencode\}")]
    private static partial Regex DataField();

    [GeneratedRegex(@"(?<name>\w+)=""(?<value>[^""]*)""")]
    private static partial Regex Label();
}
