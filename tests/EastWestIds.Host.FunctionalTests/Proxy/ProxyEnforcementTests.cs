using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using EastWestIds.Core;
using EastWestIds.Core.Findings;
using EastWestIds.Host.Proxy;

namespace EastWestIds.Host.FunctionalTests.Proxy;

/// <summary>Blocking, monitoring and engine failure at <c>ewids proxy</c>, with findings the pipeline raises today.</summary>
public sealed class ProxyEnforcementTests
{
    /// <summary>Caller from a trust domain outside --trust-domain: 9200005, severity high.</summary>
    private const string ForeignXfcc = "By=spiffe://cluster.local/ns/default/sa/default;Hash=e40c;Subject=\"\";URI=spiffe://evil.example/ns/default/sa/attacker";

    private static HttpRequestMessage Post(string xfcc, string requestId = "req-1")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/reviews") { Content = new StringContent("{\"a\":1}", Encoding.UTF8, "application/json") };
        request.Headers.Add("x-forwarded-client-cert", xfcc);
        request.Headers.Add("x-request-id", requestId);
        return request;
    }

    [Fact]
    public async Task Enforce_HighSeverityFinding_Gets403_AndNeverReachesUpstream()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with { Mode = ProxyMode.Enforce });
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };

        using var response = await client.SendAsync(Post(ForeignXfcc, "req-attack-1"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(text);
        Assert.Equal("req-attack-1", json.RootElement.GetProperty("request_id").GetString());
        var decided = Assert.Single(json.RootElement.GetProperty("decided_by").EnumerateArray());
        Assert.Equal(9200005, decided.GetProperty("sid").GetInt32());
        Assert.Equal("identity", decided.GetProperty("family").GetString());
        Assert.DoesNotContain("evil.example", text); // the decision is named, the offending value is not echoed
        Assert.Empty(upstream.Received);
        var alert = Assert.Single(proxy.Alerts.Alerts(9200005));
        Assert.Equal("inline", alert.GetProperty("mesh").GetProperty("ingest").GetString());
        Assert.Equal("blocked", alert.GetProperty("alert").GetProperty("action").GetString());
        Assert.Equal(1, await proxy.MetricAsync(ProxyServer.Outcome("enforce", "blocked")));
        Assert.Equal(0, await proxy.MetricAsync(ProxyServer.Outcome("enforce", "forwarded")));
    }

    [Fact]
    public async Task Enforce_FindingBelowBlockSeverity_IsForwardedAndAlerted()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with { Mode = ProxyMode.Enforce });
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/reviews/0"); // no XFCC: 9200001, medium

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(upstream.Received);
        Assert.Equal("allowed", Assert.Single(proxy.Alerts.Alerts(9200001)).GetProperty("alert").GetProperty("action").GetString());
    }

    [Fact]
    public async Task Enforce_BlockSeverityMedium_BlocksMediumFinding()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with
        {
            Mode = ProxyMode.Enforce,
            BlockRule = new BlockRule(Severity.Medium, new HashSet<FindingFamily>()),
        });
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };

        using var response = await client.GetAsync("/reviews/0");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(upstream.Received);
    }

    [Fact]
    public async Task Monitor_HighSeverityFinding_ReachesUpstream_RaisesAlert_CountsWouldBlock()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with { Mode = ProxyMode.Monitor });
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };

        using var response = await client.SendAsync(Post(ForeignXfcc));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(upstream.Received);
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(received.Body));
        await proxy.Alerts.WaitForAsync(_ => proxy.Alerts.Alerts(9200005).Count == 1, what: "alert 9200005");
        Assert.Equal("allowed", proxy.Alerts.Alerts(9200005)[0].GetProperty("alert").GetProperty("action").GetString());
        Assert.Equal(1, await proxy.WaitForMetricAsync(ProxyServer.Outcome("monitor", "would_block"), 1));
        Assert.Equal(0, await proxy.MetricAsync(ProxyServer.Outcome("monitor", "blocked")));
    }

    /// <summary>With no tail budget (<c>--max-body-inspect-tail 0</c>), monitor mode judges the prefix as soon as it has it.</summary>
    [Fact]
    public async Task Monitor_InspectsTheBodyPrefixTheForwarderRead()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with
        {
            Mode = ProxyMode.Monitor,
            Inspection = o.Inspection with { EmitHttpRecords = true, MaxInspectedBodyBytes = 1024, MaxInspectedBodyTailBytes = 0 },
        });
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
        using var request = Post(ProxyForwardingTests.TrustedXfcc);
        request.Content = new StringContent(new string('b', 5000));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5000, Assert.Single(upstream.Received).BodyLength);
        await proxy.Alerts.WaitForAsync(r => r.Count >= 1, what: "the http record");
        // Exactly the bytes past the budget, however the forwarder's reads fell around it (in one read or many,
        // before or after the capture went to inspection).
        Assert.Equal(5000 - 1024, await proxy.WaitForMetricAsync("eastwestids_body_uninspected_bytes_total", 5000 - 1024));
    }

    [Theory]
    [InlineData(false, HttpStatusCode.OK, "failed_open")]
    [InlineData(true, HttpStatusCode.ServiceUnavailable, "failed_closed")]
    public async Task Enforce_EngineThrows_FollowsOnEngineFailure(bool failClosed, HttpStatusCode expected, string outcome)
    {
        var failure = failClosed ? EngineFailureMode.Closed : EngineFailureMode.Open;
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(
            upstream,
            o => o with { Mode = ProxyMode.Enforce, OnEngineFailure = failure },
            beforeInspect: _ => throw new InvalidOperationException("a broken stage"));
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };

        using var first = await client.SendAsync(Post(ProxyForwardingTests.TrustedXfcc));
        using var second = await client.SendAsync(Post(ForeignXfcc)); // uninspected: its finding is never seen

        Assert.Equal(expected, first.StatusCode);
        Assert.Equal(expected, second.StatusCode);
        Assert.Equal(failure == EngineFailureMode.Open ? 2 : 0, upstream.Received.Count);
        Assert.Equal(2, await proxy.MetricAsync(ProxyServer.Failure("enforce", "exception")));
        Assert.Equal(2, await proxy.MetricAsync(ProxyServer.Outcome("enforce", outcome)));
        if (failure == EngineFailureMode.Closed)
        {
            using var json = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
            Assert.Equal("exception", json.RootElement.GetProperty("reason").GetString());
        }
    }

    [Fact]
    public async Task Enforce_EngineHangs_TimesOut_FailsClosed()
    {
        using var release = new ManualResetEventSlim(false);
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(
            upstream,
            o => o with { Mode = ProxyMode.Enforce, OnEngineFailure = EngineFailureMode.Closed, InspectTimeout = TimeSpan.FromMilliseconds(200) },
            beforeInspect: _ => release.Wait(TimeSpan.FromSeconds(30)));
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };

        using var response = await client.SendAsync(Post(ProxyForwardingTests.TrustedXfcc));
        release.Set();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("timeout", json.RootElement.GetProperty("reason").GetString());
        Assert.Empty(upstream.Received);
        Assert.Equal(1, await proxy.MetricAsync(ProxyServer.Failure("enforce", "timeout")));
    }

    [Fact]
    public async Task Enforce_SeveralHungInspections_EachTimesOut_AndALaterVerdictStillPasses()
    {
        // One watchdog keeps the timeout for every waiting request: all of them must be answered, each once, and a
        // request that comes after them must still get its real verdict.
        using var release = new ManualResetEventSlim(false);
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(
            upstream,
            o => o with { Mode = ProxyMode.Enforce, OnEngineFailure = EngineFailureMode.Closed, InspectTimeout = TimeSpan.FromMilliseconds(200) },
            beforeInspect: _ =>
            {
                if (!release.IsSet)
                {
                    release.Wait(TimeSpan.FromSeconds(30));
                }
            });
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };

        var hung = Enumerable.Range(0, 3).Select(i => client.SendAsync(Post(ProxyForwardingTests.TrustedXfcc, $"req-hung-{i}"))).ToArray();
        var answered = await Task.WhenAll(hung);
        release.Set();
        using var later = await client.SendAsync(Post(ProxyForwardingTests.TrustedXfcc, "req-later"));

        Assert.All(answered, response => Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode));
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Single(upstream.Received);
        Assert.Equal(3, await proxy.MetricAsync(ProxyServer.Failure("enforce", "timeout")));
        Assert.Equal(1, await proxy.MetricAsync(ProxyServer.Outcome("enforce", "forwarded")));
        foreach (var response in answered)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Enforce_HungInspectionsOnEveryWorker_DoNotHoldUpTheRequestsQueuedBehindThem()
    {
        // Inspections run back to back from one queue, one worker per processor. When every worker is stuck in a verdict,
        // the watchdog must start another for the requests behind them: the later request gets its real verdict long
        // before its own timeout, while the stuck ones are still stuck (they are released only after it is answered).
        int workers = Environment.ProcessorCount;
        using var release = new ManualResetEventSlim(false);
        using var entered = new SemaphoreSlim(0);
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(
            upstream,
            o => o with { Mode = ProxyMode.Enforce, OnEngineFailure = EngineFailureMode.Closed, InspectTimeout = TimeSpan.FromSeconds(20) },
            beforeInspect: request =>
            {
                if (request.Target.StartsWith("/stuck"u8))
                {
                    entered.Release();
                    release.Wait(TimeSpan.FromSeconds(60));
                }
            });
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        var stuck = Enumerable.Range(0, workers).Select(i => client.PostAsync($"/stuck/{i}", new StringContent("{}"))).ToArray();
        for (int i = 0; i < workers; i++)
        {
            Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(10)), $"stuck inspection {i} never started");
        }

        var clock = Stopwatch.StartNew();
        using var later = await client.SendAsync(Post(ProxyForwardingTests.TrustedXfcc, "req-later"));
        var waited = clock.Elapsed;
        release.Set();
        var stuckResponses = await Task.WhenAll(stuck);

        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.True(waited < TimeSpan.FromSeconds(15), $"the later request waited {waited} behind the stuck inspections");
        Assert.True(await proxy.MetricAsync("eastwestids_inline_inspection_workers_added_total") >= 1);
        Assert.Equal(0, await proxy.MetricAsync(ProxyServer.Failure("enforce", "timeout")));
        Assert.All(stuckResponses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        foreach (var response in stuckResponses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Enforce_EngineOverloaded_FailsOpen_AndCountsOverload()
    {
        using var release = new ManualResetEventSlim(false);
        using var entered = new SemaphoreSlim(0);
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(
            upstream,
            o => o with { Mode = ProxyMode.Enforce, OnEngineFailure = EngineFailureMode.Open, InspectConcurrency = 1, InspectTimeout = TimeSpan.FromSeconds(30) },
            beforeInspect: _ =>
            {
                entered.Release();
                release.Wait(TimeSpan.FromSeconds(30));
            });
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };

        var stuck = client.SendAsync(Post(ProxyForwardingTests.TrustedXfcc, "req-stuck"));
        Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(10)), "the first inspection never started");
        using var overloaded = await client.SendAsync(Post(ProxyForwardingTests.TrustedXfcc, "req-overloaded"));
        release.Set();
        using var first = await stuck;

        Assert.Equal(HttpStatusCode.OK, overloaded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, await proxy.MetricAsync(ProxyServer.Failure("enforce", "overload")));
        Assert.Equal(1, await proxy.MetricAsync(ProxyServer.Outcome("enforce", "failed_open")));
        Assert.Equal(1, await proxy.MetricAsync(ProxyServer.Outcome("enforce", "forwarded")));
    }
}
