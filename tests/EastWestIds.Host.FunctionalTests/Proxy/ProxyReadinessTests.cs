using System.Net;
using EastWestIds.Host.Proxy;
using EastWestIds.Engine.Signatures;
using EastWestIds.Host.Signatures;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Host.FunctionalTests.Proxy;

/// <summary>
/// <c>/readyz</c> of <c>ewids proxy</c> in enforce mode waits for the warm-up: until every pattern is built and canned
/// requests have compiled the inspection code, a verdict could outlast <c>--inspect-timeout</c>. Monitor mode does not wait.
/// </summary>
public sealed class ProxyReadinessTests
{
    private const string Unbuilt = "eastwestids_signature_patterns{state=\"unbuilt\"}";

    [Fact]
    public async Task Enforce_WithTheShippedRules_IsReadyOnlyOnceEveryPatternIsBuilt()
    {
        // The shipped rules take seconds to build (276 patterns), so a readiness that did not wait would answer 200 while
        // most were still unbuilt.
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with
        {
            Mode = ProxyMode.Enforce,
            Rules = RuleSources.From([TestCommon.RepositoryPaths.InRepository("signatures")], TimeSpan.FromMilliseconds(10)),
        });
        using var admin = new HttpClient { BaseAddress = proxy.AdminAddress };

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        bool sawNotReady = false;
        while ((await admin.GetAsync("readyz")).StatusCode != HttpStatusCode.OK)
        {
            sawNotReady = true;
            Assert.True(DateTime.UtcNow < deadline, "/readyz never turned 200");
            await Task.Delay(50);
        }

        Assert.Equal(0, await proxy.MetricAsync(Unbuilt));
        Assert.True(sawNotReady, "ready before the warm-up could have built 276 patterns");

        // The canned requests (two of them attacks) left no trace: no alert, nothing counted as analysed.
        Assert.Empty(proxy.Alerts.Lines);
        Assert.Equal(0, await proxy.MetricAsync("eastwestids_requests_analysed_total{ingest=\"inline\"}"));
        Assert.Equal(0, await proxy.MetricAsync("eastwestids_alerts_total{category=\"attack\",severity=\"high\"}"));
    }

    [Fact]
    public void Gate_WaitsForTheCannedRequests_ThenStaysOpen()
    {
        var rules = new SignatureSetHolder(CompiledSignatureSet.Empty); // nothing to build: only the warm-up counts
        var warmUp = new TaskCompletionSource();
        var gate = new ProxyWarmGate(rules, warmUp.Task);

        Assert.False(gate.IsWarm);
        warmUp.SetResult();
        Assert.True(gate.IsWarm);
        Assert.True(new ProxyWarmGate(rules, warmUp: null).IsWarm); // monitor mode, --rules-warm-up false
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task MonitorMode_OrNoWarmUp_IsReadyAtOnce(bool enforce, bool warmUp)
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with
        {
            Mode = enforce ? ProxyMode.Enforce : ProxyMode.Monitor,
            Rules = RuleSources.From([TestCommon.RepositoryPaths.InRepository("signatures")], TimeSpan.FromMilliseconds(10)) with { WarmUp = warmUp },
        });
        using var admin = new HttpClient { BaseAddress = proxy.AdminAddress };

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("readyz")).StatusCode);
        Assert.True(await proxy.MetricAsync(Unbuilt) > 0, "the check ran after every pattern was built: it proves nothing");
    }
}
