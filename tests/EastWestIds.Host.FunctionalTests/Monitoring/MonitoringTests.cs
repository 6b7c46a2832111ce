using System.Diagnostics;
using EastWestIds.Host.Authorization;
using EastWestIds.Host.FunctionalTests.Infrastructure;
using EastWestIds.TestCommon;

namespace EastWestIds.Host.FunctionalTests.Monitoring;

/// <summary>
/// The dashboard and the Prometheus rules shipped in istio/monitoring, checked the way an operator would meet them:
/// promtool validates and unit-tests the rules, and a real Prometheus scraping a running sink with traffic answers
/// every expression of the dashboard and the rules with data (a misspelt metric or label returns nothing and fails).
/// </summary>
public sealed class MonitoringTests
{
    private const string Promtool = "/usr/bin/promtool";

    private const string AdminPathRule =
        "alert http any any -> any any (msg:\"monitoring test: admin path\"; flow:to_server; http.uri; " +
        "content:\"/admin\"; classtype:attempted-recon; sid:1000301; rev:1;)\n";

    private static readonly string Bookinfo = RepositoryPaths.InRepository("tests", "EastWestIds.Policy.Tests", "Scenarios", "bookinfo.yaml");

    [Fact]
    public async Task Rules_PassPromtoolCheck()
    {
        var (code, output) = await RunPromtoolAsync("check", "rules", MonitoringArtifacts.RulesFile);
        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task Rules_AlertsFireAsTheirUnitTestsExpect()
    {
        var (code, output) = await RunPromtoolAsync("test", "rules", MonitoringArtifacts.RulesTestFile);
        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task EveryDashboardAndRuleExpression_ReturnsData_FromARealPrometheusScrapingTheSink()
    {
        // With the alert store (issue 6), so its metrics (eastwestids_store_*) are scraped too, and with the bookinfo
        // AuthorizationPolicies, so the policy verdict series (denied, would-deny) exist.
        var storeDirectory = Directory.CreateTempSubdirectory("ewids-monitoring-").FullName;
        var policies = PolicyObjectsLoader.Load([Bookinfo], "istio-system", ["cluster.local"], "cluster.local", error => Assert.Fail(error));
        // One rule the traffic matches, so eastwestids_signature_matches_total has a rule's series (built-ins add theirs).
        var rulesDirectory = Path.Combine(storeDirectory, "rules");
        Directory.CreateDirectory(rulesDirectory);
        await File.WriteAllTextAsync(Path.Combine(rulesDirectory, "monitoring.rules"), AdminPathRule);
        await using var sink = await SinkServer.StartAsync(o => o with
        {
            Store = new EastWestIds.Host.Storage.StoreHostOptions { Settings = new EastWestIds.Storage.StoreSettings { DataDirectory = storeDirectory } },
            Inspection = o.Inspection with { Policies = policies },
            Rules = EastWestIds.Host.Signatures.RuleSources.From([rulesDirectory], TimeSpan.FromMilliseconds(10)),
            // Detect-only from the start (nothing learned): every edge of the traffic is a new edge.
            Baseline = new EastWestIds.Host.Baseline.BaselineHostOptions { LearnFor = TimeSpan.Zero },
        });
        await sink.Host.Baseline!.Loaded;
        using var traffic = new CancellationTokenSource();
        var sending = SendTrafficAsync(sink.MirrorPort, traffic.Token);
        // istio_requests_total of the mirrored edges, for the coverage panel (there is no Istio here).
        await using var istio = IstioMetricsTarget.Start("bookinfo", ("productpage", "ratings"), ("reviews", "details"));
        // ewids proxy in enforce mode in front of a service, for the inline panels (blocked, verdict wait, …).
        await using var upstream = await Proxy.RecordingUpstream.StartAsync();
        await using var proxy = await Proxy.ProxyServer.StartAsync(upstream, o => o with { Mode = EastWestIds.Host.Proxy.ProxyMode.Enforce });
        var proxying = SendProxiedTrafficAsync(proxy.BaseAddress, traffic.Token);
        await using var prometheus = await PrometheusProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["ewids"] = $"127.0.0.1:{sink.AdminPort}",
                ["istio-sidecars"] = $"127.0.0.1:{istio.Port}",
                ["ewids-proxy"] = $"127.0.0.1:{proxy.AdminPort}",
            },
            [MonitoringArtifacts.RulesFile]);

        // rate() over 1m needs two samples; a few more let the recording rules evaluate on scraped data.
        await prometheus.WaitForScrapesAsync(scrapes: 4, TimeSpan.FromSeconds(60));
        var empty = new List<string>();
        foreach (var (where, expression) in MonitoringArtifacts.DashboardQueries().Concat(MonitoringArtifacts.RuleQueries()))
        {
            if ((await prometheus.QueryAsync(expression)).Count == 0)
            {
                empty.Add($"{where}: {expression}");
            }
        }

        // Built-in findings alone would fill the signature panels: the loaded rule must have its own series too.
        const string RuleSeries = "eastwestids_signature_matches_total{sid=\"1000301\", category=\"attempted-recon\"}";
        if ((await prometheus.QueryAsync(RuleSeries)).Count == 0)
        {
            empty.Add($"the loaded rule's series: {RuleSeries}");
        }

        await traffic.CancelAsync();
        await sending;
        await proxying;
        await using (sink)
        {
            // Stopped here (disposing twice is harmless), so the store's directory can go.
        }

        Directory.Delete(storeDirectory, recursive: true);
        Assert.True(empty.Count == 0, "expressions without data:\n" + string.Join('\n', empty));
    }

    private static async Task SendTrafficAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        while (!cancellationToken.IsCancellationRequested)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/reviews/1");
            request.Headers.Host = "reviews-shadow:9080";
            request.Headers.TryAddWithoutValidation("x-forwarded-client-cert", MirrorRequests.Xfcc);
            using (await client.SendAsync(request, CancellationToken.None))
            {
            }

            // Against the bookinfo policies: productpage may not call ratings (denied), and a dry-run DENY policy
            // on details refuses every caller but productpage (would-deny for reviews).
            await MirrorAsync(client, port, "ratings.bookinfo-shadow:9080", "/ratings/0", "productpage");
            await MirrorAsync(client, port, "details.bookinfo-shadow:9080", "/details/0", "reviews");

            // A path the sidecar's policy allows and a server that decodes %2F reads as denied /debug/pprof (9300013),
            // for the policy evasion alert.
            await MirrorAsync(client, port, "details.bookinfo-shadow:9080", "/details/..%2Fdebug/pprof", "productpage");

            // Matches the loaded rule (sid 1000301).
            await MirrorAsync(client, port, "reviews.bookinfo-shadow:9080", "/admin/users", "productpage");

            // A malformed request: rejected, counted by reason, and an alert.
            await using (var raw = await RawHttpClient.ConnectAsync(port))
            {
                await raw.SendAsync("GET / HTTP/1.1\nHost: reviews\n\n");
                await raw.ReadToEndAsync(TimeSpan.FromSeconds(5));
            }

            try
            {
                await Task.Delay(200, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Through the proxy: a call it forwards, and one from a foreign trust domain it blocks (9200005).</summary>
    private static async Task SendProxiedTrafficAsync(Uri proxy, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = proxy };
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var xfcc in new[] { MirrorRequests.Xfcc, "By=spiffe://cluster.local/ns/default/sa/default;URI=spiffe://evil.example/ns/default/sa/attacker" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/reviews/1");
                request.Headers.TryAddWithoutValidation("x-forwarded-client-cert", xfcc);
                using (await client.SendAsync(request, CancellationToken.None))
                {
                }
            }

            try
            {
                await Task.Delay(200, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task MirrorAsync(HttpClient client, int port, string host, string path, string serviceAccount)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}{path}");
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation(
            "x-forwarded-client-cert",
            $"By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash=e40c3a8e;Subject=\"\";URI=spiffe://cluster.local/ns/bookinfo/sa/{serviceAccount}");
        using (await client.SendAsync(request, CancellationToken.None))
        {
        }
    }

    private static async Task<(int Code, string Output)> RunPromtoolAsync(params string[] arguments)
    {
        if (!File.Exists(Promtool))
        {
            Assert.Fail(PrometheusProcess.InstallHint);
        }

        var start = new ProcessStartInfo(Promtool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
