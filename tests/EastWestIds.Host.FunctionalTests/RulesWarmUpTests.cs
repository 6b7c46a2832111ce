using EastWestIds.Engine.Signatures;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Host.FunctionalTests.Infrastructure;
using EastWestIds.Host.FunctionalTests.Live;
using EastWestIds.Host.Signatures;
using Microsoft.Extensions.Logging.Abstractions;

namespace EastWestIds.Host.FunctionalTests;

/// <summary>
/// <c>--rules-warm-up</c>: by default every pcre is built in the background after start and reload; off, a pattern is
/// built by the first request that needs it, and <c>eastwestids_signature_patterns</c> shows which share is built.
/// </summary>
public sealed class RulesWarmUpTests : IDisposable
{
    private const string Built = "eastwestids_signature_patterns{state=\"built\"}";
    private const string Unbuilt = "eastwestids_signature_patterns{state=\"unbuilt\"}";

    // Two rules with a pcre each; only the first one's literal is in the request the tests send. (Both patterns need
    // their regex: a pcre that is only a list of literals, /\/etc\/(?:passwd|shadow)/, is found without one.)
    private const string TwoPcreRules =
        "alert http any any -> any any (msg:\"traversal\"; http.uri; content:\"/etc/\"; pcre:\"/\\/etc\\/+(?:passwd|shadow)/\"; sid:1000001;)\n" +
        "alert http any any -> any any (msg:\"union\"; http.uri; content:\"union\"; nocase; pcre:\"/union\\s+select/i\"; sid:1000002;)\n";

    private readonly string _dir = Directory.CreateTempSubdirectory("ewids-warmup-").FullName;

    public RulesWarmUpTests() => File.WriteAllText(Path.Combine(_dir, "two.rules"), TwoPcreRules);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Setting_DefaultsToWarmUp_AndFalseTurnsItOff()
    {
        var byDefault = KubernetesSink.ParseServe(["--rules", _dir], out var errors);
        var off = KubernetesSink.ParseServe(["--rules", _dir, "--rules-warm-up", "false"], out var offErrors);

        Assert.True(byDefault is not null, errors);
        Assert.True(off is not null, offErrors);
        Assert.True(byDefault.Rules.WarmUp);
        Assert.False(off.Rules.WarmUp);
    }

    [Fact]
    public async Task WarmUp_BuildsEveryPatternWithoutTraffic()
    {
        await using var sink = await SinkServer.StartAsync(o => o with { Rules = RuleSources.From([_dir], TimeSpan.FromMilliseconds(10)) });

        Assert.Equal(2, await WaitForAsync(sink, Built, 2));
        Assert.Equal(0, await sink.MetricAsync(Unbuilt));
    }

    [Fact]
    public async Task WithoutWarmUp_OnlyThePatternARequestNeededIsBuilt()
    {
        await using var sink = await SinkServer.StartAsync(o => o with
        {
            Rules = RuleSources.From([_dir], TimeSpan.FromMilliseconds(10)) with { WarmUp = false },
        });
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);
        Assert.Equal(0, await sink.MetricAsync(Built));
        Assert.Equal(2, await sink.MetricAsync(Unbuilt));

        await client.SendAsync(MirrorRequests.DesignExample(path: "/static/../etc/passwd"));
        await sink.Alerts.WaitForAsync(_ => sink.Alerts.Alerts(1000001).Count == 1, what: "alert 1000001");
        await Task.Delay(500); // a warm-up, had one started, builds two small patterns in far less

        Assert.Equal(1, await sink.MetricAsync(Built));
        Assert.Equal(1, await sink.MetricAsync(Unbuilt));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Reload_WarmsUpTheNewSetBeforeSwappingItIn_OnlyWhenAsked(bool warmUp)
    {
        // With warm-up, the set swapped in has every pattern built: no verdict of the new set waits for a regex.
        var sources = RuleSources.From([_dir], TimeSpan.FromMilliseconds(10)) with { WarmUp = warmUp };
        var holder = new SignatureSetHolder(sources.Load().Set!);
        using var reloader = new SignatureReloader(sources, holder, new IdsMetrics(Prometheus.Metrics.NewCustomRegistry()), NullLogger.Instance, watchFiles: false);
        var before = holder.Current;
        int unbuiltWhenFirstSeen = -1;
        var watcher = Task.Run(() =>
        {
            // What a request starting right after the swap would meet (the two small patterns would build in the
            // background within milliseconds, so looking after the reload returned would prove nothing).
            while (ReferenceEquals(holder.Current, before))
            {
            }

            unbuiltWhenFirstSeen = holder.Current.UnbuiltPatternCount;
        });

        Assert.True(await reloader.ReloadAsync("test"));
        await watcher.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, holder.Current.PatternCount);
        Assert.Equal(warmUp ? 0 : 2, unbuiltWhenFirstSeen);
    }

    [Fact]
    public async Task Reload_KeepsTheBuiltPatternsOfUnchangedRules()
    {
        // One rule's pcre changes: the other rule's built pattern is taken over, so only the changed one is unbuilt
        // (no warm-up here, so nothing else builds it).
        var sources = RuleSources.From([_dir], TimeSpan.FromMilliseconds(10)) with { WarmUp = false };
        var holder = new SignatureSetHolder(sources.Load().Set!);
        Assert.Equal(2, holder.Current.BuildUnbuiltPatterns());
        using var reloader = new SignatureReloader(sources, holder, new IdsMetrics(Prometheus.Metrics.NewCustomRegistry()), NullLogger.Instance, watchFiles: false);
        File.WriteAllText(Path.Combine(_dir, "two.rules"), TwoPcreRules.Replace("union\\s+select", "union\\s+all\\s+select", StringComparison.Ordinal));

        Assert.True(await reloader.ReloadAsync("test"));

        Assert.Equal(2, holder.Current.PatternCount);
        Assert.Equal(1, holder.Current.UnbuiltPatternCount);
    }

    private static async Task<double> WaitForAsync(SinkServer sink, string sample, double value)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        double current;
        while ((current = await sink.MetricAsync(sample)) < value && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return current;
    }
}
