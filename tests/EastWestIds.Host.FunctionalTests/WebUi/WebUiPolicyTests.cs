using EastWestIds.Host.Authorization;
using EastWestIds.TestCommon;

namespace EastWestIds.Host.FunctionalTests.WebUi;

/// <summary>
/// Policy verdicts in the UI, with the bookinfo objects the policy tests use (only reviews may call ratings): the
/// graph colours the productpage → ratings edge as denied and reviews → ratings as allowed, and the denied alert's
/// page names the AuthorizationPolicy behind the verdict.
/// </summary>
public sealed class WebUiPolicyTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    private const int DeniedSid = 9300010;
    private const string Productpage = "spiffe://cluster.local/ns/bookinfo/sa/productpage";
    private const string Reviews = "spiffe://cluster.local/ns/bookinfo/sa/reviews";

    private static readonly string Bookinfo = RepositoryPaths.InRepository("tests", "EastWestIds.Policy.Tests", "Scenarios", "bookinfo.yaml");

    private static string RatingsFrom(string principal) =>
        $"GET /ratings/0 HTTP/1.1\r\nHost: ratings.bookinfo-shadow:9080\r\nx-request-id: {Guid.NewGuid()}\r\n" +
        $"x-forwarded-client-cert: By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash=e40c3a8e;Subject=\"\";URI={principal}\r\n\r\n";

    [Fact]
    public async Task Graph_ColoursEdgesByVerdict_AndTheAlertNamesThePolicy()
    {
        var policies = PolicyObjectsLoader.Load([Bookinfo], "istio-system", ["cluster.local"], "cluster.local", error => Assert.Fail(error));
        await using var sink = await UiSink.StartAsync("", o => o with { Inspection = o.Inspection with { Policies = policies } });
        await sink.MirrorAsync(RatingsFrom(Productpage), RatingsFrom(Reviews));
        var denied = (await sink.AlertsAsync(1)).Single(a => a.GetProperty("sid").GetInt32() == DeniedSid);
        await sink.WaitForAsync("api/edges", j => j.GetArrayLength() == 2, "two edges");
        await using var ui = await UiPage.OpenAsync(chromium, sink.AdminPort);

        await ui.GoAsync("#/graph");
        await ui.WaitForAsync("document.querySelectorAll('#graph-svg g.edge').length === 2");
        var classOf = "c => [...document.querySelectorAll('#graph-svg g.edge')].find(g => g.dataset.caller === c).getAttribute('class')";
        Assert.Contains("verdict-denied", await ui.Page.EvaluateFunctionAsync<string>(classOf, Productpage));
        Assert.Contains("verdict-allowed", await ui.Page.EvaluateFunctionAsync<string>(classOf, Reviews));
        var stroke = await ui.Page.EvaluateFunctionAsync<string>(
            "c => getComputedStyle([...document.querySelectorAll('#graph-svg g.edge')].find(g => g.dataset.caller === c).querySelector('path.line')).stroke", Productpage);
        Assert.Equal("rgb(198, 40, 40)", stroke); // --v-denied

        // Keyboard: Tab into the graph, move to the denied edge, Enter opens its alerts.
        await ui.Page.FocusAsync("#graph-svg g.edge[tabindex='0']");
        if (await ui.EvalAsync<string>("document.activeElement.dataset.caller") != Productpage)
        {
            await ui.Page.Keyboard.PressAsync("j");
        }

        Assert.Equal(Productpage, await ui.EvalAsync<string>("document.activeElement.dataset.caller"));
        await ui.Page.Keyboard.PressAsync("Enter");
        await ui.WaitForAsync("location.hash.startsWith('#/alerts?') && document.querySelectorAll('tr.alert-row').length >= 1");
        Assert.Contains("denied", await ui.TextAsync("#alert-rows"));

        await ui.GoAsync($"#/alert/{denied.GetProperty("id").GetInt64()}");
        await ui.WaitForAsync("document.getElementById('identity-title') !== null");
        var identity = await ui.EvalAsync<string>("document.getElementById('identity-title').parentElement.textContent");
        Assert.Contains("bookinfo/ratings-viewer", identity);
        Assert.Contains(Productpage, identity);
        Assert.Contains("denied", identity);
    }
}
