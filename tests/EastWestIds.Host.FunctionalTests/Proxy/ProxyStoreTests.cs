using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EastWestIds.Host.Api;
using EastWestIds.Host.Baseline;
using EastWestIds.Host.Configuration;
using EastWestIds.Host.Proxy;
using EastWestIds.Host.Storage;
using EastWestIds.Storage;

namespace EastWestIds.Host.FunctionalTests.Proxy;

/// <summary>
/// <c>ewids proxy</c> with the alert store, the admin API and the learned baseline, as <c>ewids serve</c> runs them:
/// a real upstream, a real client, a SQLite store in a temporary directory, and the proxy's own admin port.
/// </summary>
public sealed class ProxyStoreTests : IDisposable
{
    /// <summary>Caller from a trust domain outside --trust-domain: 9200005, severity high (blocks by default).</summary>
    private const string ForeignXfcc = "By=spiffe://cluster.local/ns/default/sa/default;Hash=e40c;Subject=\"\";URI=spiffe://evil.example/ns/default/sa/attacker";

    private readonly StoreDirectory _directory = new("ewids-proxy-store-");

    private StoreHostOptions Store => new()
    {
        Settings = new StoreSettings { DataDirectory = Path.Combine(_directory.Path, "data") },
        EdgeFlushInterval = TimeSpan.FromMilliseconds(200),
        InitialConnectTimeout = TimeSpan.FromSeconds(5),
    };

    private static HttpRequestMessage Post(string xfcc, string requestId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/reviews") { Content = new StringContent("{\"a\":1}", Encoding.UTF8, "application/json") };
        request.Headers.Add("x-forwarded-client-cert", xfcc);
        request.Headers.Add("x-request-id", requestId);
        return request;
    }

    [Fact]
    public async Task Enforce_Attack_IsBlocked_AndStoredAsBlocked_VisibleInTheProxysApi()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with { Mode = ProxyMode.Enforce, Store = Store });
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
        using var admin = new HttpClient { BaseAddress = proxy.AdminAddress };

        using var attack = await client.SendAsync(Post(ForeignXfcc, "req-attack"));
        using var unprotected = await client.GetAsync("/reviews/0"); // no XFCC: 9200001, medium: forwarded

        Assert.Equal(HttpStatusCode.Forbidden, attack.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unprotected.StatusCode);
        Assert.Single(upstream.Received);
        var blocked = await WaitForAlertAsync(admin, 9200005);
        Assert.Equal("blocked", blocked.GetProperty("outcome").GetString());
        Assert.Equal("allowed", (await WaitForAlertAsync(admin, 9200001)).GetProperty("outcome").GetString());

        // The detail carries it too, and its stored EVE line is the one the proxy wrote: action and mesh.outcome.
        var detail = await AdminJson.GetAsync(admin, $"/api/alerts/{blocked.GetProperty("id").GetInt64()}");
        Assert.Equal("blocked", detail.GetProperty("outcome").GetString());
        Assert.Equal("req-attack", detail.GetProperty("request").GetProperty("headers").EnumerateArray()
            .Single(h => string.Equals(h.GetProperty("name").GetString(), "x-request-id", StringComparison.OrdinalIgnoreCase)).GetProperty("value").GetString());
        using var eve = JsonDocument.Parse(detail.GetProperty("eve").GetString()!);
        Assert.Equal("blocked", eve.RootElement.GetProperty("alert").GetProperty("action").GetString());
        Assert.Equal("blocked", eve.RootElement.GetProperty("mesh").GetProperty("outcome").GetString());
        Assert.Equal(eve.RootElement.GetRawText(), Assert.Single(proxy.Alerts.Alerts(9200005)).GetRawText());

        // The store's and the inline metrics on the proxy's admin port: ingest tells inline from mirror, mode enforce.
        Assert.True(await proxy.WaitForMetricAsync("eastwestids_store_alerts_written_total", 2) >= 2);
        Assert.Equal(1, await proxy.MetricAsync("eastwestids_store_up{store=\"sqlite\"}"));
        Assert.Equal(1, await proxy.MetricAsync(ProxyServer.Outcome("enforce", "blocked")));
        Assert.Equal(2, await proxy.MetricAsync("eastwestids_requests_received_total{ingest=\"inline\",protocol=\"http1\"}"));
        Assert.Equal(0, await proxy.MetricAsync("eastwestids_requests_received_total{ingest=\"mirror\",protocol=\"http1\"}"));

        // The flow graph counts the proxied calls as the sink's does.
        static long Calls(JsonElement edges) => edges.EnumerateArray().Sum(e => e.GetProperty("calls").GetProperty("total").GetInt64());
        Assert.Equal(2, Calls(await WaitForAsync(admin, "/api/edges", edges => Calls(edges) >= 2)));
    }

    [Fact]
    public async Task Monitor_Attack_IsForwarded_AndStoredAsWouldBlock()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with { Mode = ProxyMode.Monitor, Store = Store });
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
        using var admin = new HttpClient { BaseAddress = proxy.AdminAddress };

        using var response = await client.SendAsync(Post(ForeignXfcc, "req-monitor"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(upstream.Received);
        var stored = await WaitForAlertAsync(admin, 9200005);
        Assert.Equal("would-block", stored.GetProperty("outcome").GetString());
        var line = Assert.Single(proxy.Alerts.Alerts(9200005));
        Assert.Equal("allowed", line.GetProperty("alert").GetProperty("action").GetString()); // it was not blocked
        Assert.Equal("would-block", line.GetProperty("mesh").GetProperty("outcome").GetString());
        Assert.Equal(1, await proxy.WaitForMetricAsync(ProxyServer.Outcome("monitor", "would_block"), 1));
    }

    [Fact]
    public async Task Enforce_VerdictAfterTimeout_FailedOpen_AlertSaysFailedOpenNotBlocked()
    {
        using var release = new ManualResetEventSlim(false);
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(
            upstream,
            o => o with { Mode = ProxyMode.Enforce, OnEngineFailure = EngineFailureMode.Open, InspectTimeout = TimeSpan.FromMilliseconds(200), Store = Store },
            beforeInspect: _ => release.Wait(TimeSpan.FromSeconds(30)));
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
        using var admin = new HttpClient { BaseAddress = proxy.AdminAddress };

        using var response = await client.SendAsync(Post(ForeignXfcc, "req-late"));
        release.Set(); // the inspection goes on after the request stopped waiting, and finds 9200005

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(upstream.Received);
        await proxy.Alerts.WaitForAsync(_ => proxy.Alerts.Alerts(9200005).Count == 1, what: "the late alert");
        var line = Assert.Single(proxy.Alerts.Alerts(9200005));
        Assert.Equal("allowed", line.GetProperty("alert").GetProperty("action").GetString());
        Assert.Equal("failed-open", line.GetProperty("mesh").GetProperty("outcome").GetString());
        Assert.Equal("failed-open", (await WaitForAlertAsync(admin, 9200005)).GetProperty("outcome").GetString());
        Assert.Equal(1, await proxy.MetricAsync(ProxyServer.Outcome("enforce", "failed_open")));
        Assert.Equal(0, await proxy.MetricAsync(ProxyServer.Outcome("enforce", "blocked")));
    }

    [Fact]
    public async Task Learn_RecordsEdges_ThenDetecting_NewEdgeRaisesOneFinding_Stored()
    {
        // --learn: learns what the proxied calls look like until restarted without it.
        await using (var learning = await StartLearningProxyAsync(new BaselineHostOptions { LearnUntilRestart = true }))
        {
            await learning.Proxy.Host.Baseline!.Loaded;
            Assert.True(learning.Proxy.Host.Baseline.Learner.IsLearning);
            await SendAsync(learning, "reviews.bookinfo:9080", "/reviews/1");
            await SendAsync(learning, "reviews.bookinfo:9080", "/reviews/2");
            Assert.True(await learning.Proxy.WaitForMetricAsync("eastwestids_requests_analysed_total{ingest=\"inline\"}", 2) >= 2);
            Assert.Equal(1, learning.Proxy.Host.Baseline.Learner.BaselineEdgeCount);
            Assert.Empty(learning.Proxy.Alerts.Alerts(9300020));
        }

        // Restarted detecting (--learn-for 0): the stored edge is known, a new one raises 9300020 once, in EVE and the store.
        await using var detecting = await StartLearningProxyAsync(new BaselineHostOptions { LearnFor = TimeSpan.Zero });
        await detecting.Proxy.Host.Baseline!.Loaded;
        Assert.False(detecting.Proxy.Host.Baseline.Learner.IsLearning);
        Assert.Equal(1, detecting.Proxy.Host.Baseline.Learner.BaselineEdgeCount);
        await SendAsync(detecting, "reviews.bookinfo:9080", "/reviews/3");
        await SendAsync(detecting, "ratings.bookinfo:9080", "/ratings/1");
        await SendAsync(detecting, "ratings.bookinfo:9080", "/ratings/2");
        Assert.True(await detecting.Proxy.WaitForMetricAsync("eastwestids_requests_analysed_total{ingest=\"inline\"}", 3) >= 3);

        var alert = Assert.Single(detecting.Proxy.Alerts.Alerts(9300020));
        Assert.Contains("→ ratings.bookinfo GET /ratings/{*}", alert.GetProperty("mesh").GetProperty("evidence").GetString(), StringComparison.Ordinal);
        Assert.Equal("allowed", alert.GetProperty("mesh").GetProperty("outcome").GetString()); // severity 3: below --block-severity
        Assert.Equal(3, detecting.Upstream.Received.Count);
        using var admin = new HttpClient { BaseAddress = detecting.Proxy.AdminAddress };
        Assert.Equal("allowed", (await WaitForAlertAsync(admin, 9300020)).GetProperty("outcome").GetString());
        Assert.Equal(1, await detecting.Proxy.MetricAsync("eastwestids_baseline_new_edges_total"));
    }

    [Fact]
    public async Task AdminApi_WithToken_RefusesCallsWithoutIt_AsTheSinksDoes()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with { Store = Store, AdminAuth = new AdminAuthOptions { Token = "s3cret-token" } });
        using var admin = new HttpClient { BaseAddress = proxy.AdminAddress };

        using var anonymous = await admin.GetAsync("/api/alerts");
        using var ready = await admin.GetAsync("/readyz");
        using var ui = await admin.GetAsync("/");
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret-token");
        using var authorized = await admin.GetAsync("/api/alerts");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Equal("text/html", ui.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
    }

    [Fact]
    public async Task NoStore_ApiAnswers503_ProxyStillForwardsAndAlerts()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with { Mode = ProxyMode.Enforce });
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
        using var admin = new HttpClient { BaseAddress = proxy.AdminAddress };

        using var attack = await client.SendAsync(Post(ForeignXfcc, "req-nostore"));
        using var api = await admin.GetAsync("/api/alerts");

        Assert.Equal(HttpStatusCode.Forbidden, attack.StatusCode);
        Assert.Equal("blocked", Assert.Single(proxy.Alerts.Alerts(9200005)).GetProperty("mesh").GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Null(proxy.Host.Store);
    }

    private async Task<LearningProxy> StartLearningProxyAsync(BaselineHostOptions baseline)
    {
        var upstream = await RecordingUpstream.StartAsync();
        var proxy = await ProxyServer.StartAsync(upstream, o => o with { Mode = ProxyMode.Enforce, Store = Store, Baseline = baseline });
        return new LearningProxy(upstream, proxy);
    }

    private static async Task SendAsync(LearningProxy target, string host, string path)
    {
        using var client = new HttpClient { BaseAddress = target.Proxy.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        request.Headers.Add("x-forwarded-client-cert", ProxyForwardingTests.TrustedXfcc);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The newest stored alert with <paramref name="sid"/>, once the writer has stored it (it batches off the request path).</summary>
    private static async Task<JsonElement> WaitForAlertAsync(HttpClient admin, int sid)
    {
        var page = await WaitForAsync(admin, $"/api/alerts?sid={sid}", json => json.GetProperty("items").GetArrayLength() > 0);
        return page.GetProperty("items")[0];
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient admin, string path, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            using var response = await admin.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                var json = JsonDocument.Parse(text).RootElement.Clone();
                if (done(json))
                {
                    return json;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{path} did not reach the expected state; last status {(int)response.StatusCode}: {text}");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>A proxy with a baseline and the upstream it forwards to, stopped together.</summary>
    private sealed record LearningProxy(RecordingUpstream Upstream, ProxyServer Proxy) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Proxy.DisposeAsync();
            await Upstream.DisposeAsync();
        }
    }
}
