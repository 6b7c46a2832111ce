using System.Text.Json;
using EastWestIds.Host.Baseline;
using EastWestIds.Host.FunctionalTests.Infrastructure;
using EastWestIds.Host.Storage;
using EastWestIds.Storage;
using EastWestIds.TestCommon;

namespace EastWestIds.Host.FunctionalTests;

/// <summary>
/// <c>ewids policy check|suggest|baseline export</c> as an operator runs them against the bookinfo scenario files of the
/// policy tests (the README's examples), and the learned baseline of <c>serve</c> surviving a restart through the store.
/// </summary>
public sealed class PolicyCommandTests
{
    private static string Scenario(string file) => RepositoryPaths.InRepository("tests", "EastWestIds.Policy.Tests", "Scenarios", file);

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
        => EwidsProcess.RunAsync(args, null, TimeSpan.FromSeconds(60));

    [Fact]
    public async Task Check_PrintsOneVerdictLinePerRequest_AsTheScenarioExpects()
    {
        var (code, stdout, stderr) = await RunAsync("policy", "check", "--objects", Scenario("bookinfo.yaml"), Scenario("bookinfo-requests.jsonl"));

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToDictionary(p => p[0], p => p);
        foreach (var line in File.ReadAllLines(Scenario("bookinfo-requests.jsonl")).Where(l => l.Length > 0))
        {
            var json = JsonDocument.Parse(line).RootElement;
            var id = json.GetProperty("id").GetString()!;
            Assert.Equal(json.GetProperty("expect").GetString(), lines[id][1]);
        }

        Assert.Equal("bookinfo/ratings-viewer rule 0", lines["reviews-ratings"][2]);
        Assert.Equal("bookinfo/details-trial rule 0", lines["tester-details"][2]);

        // The sidecar allows a path whose parameters hide a denied one: a fourth column says which, and why.
        Assert.StartsWith("path /;v=2/debug/vars is /debug/vars to servers that drop path parameters", lines["pp-details-debug-behind-parameter"][3], StringComparison.Ordinal);
        Assert.StartsWith("path /details/..%2Fdebug/pprof is /debug/pprof to servers that merge slashes", lines["pp-details-debug-behind-escaped-slash"][3], StringComparison.Ordinal);
        Assert.Equal(3, lines["pp-details-session-parameter"].Length);
        Assert.Equal(3, lines["reviews-ratings-escaped-slash-in-an-id"].Length);
        Assert.StartsWith("path /DEBUG/vars with its letter case ignored, as Express (by default), ASP.NET Core and IIS route it, is denied: istio-system/deny-debug rule 0",
            lines["pp-details-debug-in-capitals"][3], StringComparison.Ordinal);
        Assert.Equal(3, lines["pp-details-upper-case-id"].Length);
        Assert.Equal(3, lines["reviews-ratings"].Length);
    }

    [Fact]
    public async Task Suggest_FromRecordedRequests_YamlOnStdout_CheckListsTheCallsOutsideTheBaseline()
    {
        var (code, stdout, stderr) = await RunAsync(
            "policy", "suggest", "--objects", Scenario("bookinfo-workloads.yaml"), "--requests", Scenario("bookinfo-traffic.jsonl"), "--check", Scenario("bookinfo-later.jsonl"));

        Assert.True(code == 0, stderr);
        Assert.Equal(5, stdout.Split('\n').Count(l => l == "kind: AuthorizationPolicy"));
        Assert.Contains("paths: [\"/reviews/{*}\"]", stdout, StringComparison.Ordinal);
        Assert.Contains("check: 6 of 12 recorded requests would be denied", stderr, StringComparison.Ordinal);
        var denied = stderr.Split('\n').Where(l => l.Contains("check: denied: ", StringComparison.Ordinal)).Select(l => l.Split("check: denied: ")[1].Split('\t')[0]);
        Assert.Equal(["d10", "d4", "d5", "d6", "d7", "d8"], denied.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Suggest_FromExportedBaseline_MatchesSuggestFromRequests()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ewids-baseline-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"caller":"spiffe://cluster.local/ns/bookinfo/sa/reviews","callee":"ratings.bookinfo.svc.cluster.local","method":"GET","path":"/ratings/{*}","count":3}""",
            """{"caller":"spiffe://cluster.local/ns/bookinfo/sa/productpage","callee":"details.bookinfo.svc.cluster.local","method":"GET","path":"/details/{*}","count":1}""",
        ]);
        try
        {
            var (code, stdout, stderr) = await RunAsync("policy", "suggest", "--objects", Scenario("bookinfo-workloads.yaml"), "--baseline", file, "--dry-run", "--path-style", "prefix");

            Assert.True(code == 0, stderr);
            Assert.Equal(2, stdout.Split('\n').Count(l => l == "kind: AuthorizationPolicy"));
            Assert.Contains("\"istio.io/dry-run\": \"true\"", stdout, StringComparison.Ordinal);
            Assert.Contains("paths: [\"/ratings/*\"]", stdout, StringComparison.Ordinal);
            Assert.Contains("wider than learned", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("suggest", "--objects", "{workloads}")]
    [InlineData("suggest", "--objects", "{workloads}", "--requests", "{traffic}", "--baseline", "{traffic}")]
    [InlineData("suggest", "--objects", "{workloads}", "--requests", "missing.jsonl")]
    [InlineData("suggest", "--objects", "{workloads}", "--requests", "{traffic}", "--path-style", "regex")]
    [InlineData("suggest", "--objects", "{workloads}", "--baseline", "{traffic}")]
    [InlineData("check", "{traffic}")]
    [InlineData("check", "--objects", "{workloads}")]
    [InlineData("check", "--objects", "{workloads}", "{traffic}", "--bogus")]
    public async Task BadInputOrUsage_Exits2_WithAMessage(params string[] args)
    {
        var resolved = args.Select(a => a.Replace("{workloads}", Scenario("bookinfo-workloads.yaml"), StringComparison.Ordinal)
            .Replace("{traffic}", Scenario("bookinfo-traffic.jsonl"), StringComparison.Ordinal)).ToArray();

        var (code, _, stderr) = await RunAsync(["policy", .. resolved]);

        Assert.Equal(2, code);
        Assert.Contains($"ewids policy {args[0]}: ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MalformedRequestLine_Exits2_NamingFileAndLine()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ewids-requests-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file, [File.ReadLines(Scenario("bookinfo-requests.jsonl")).First(), "{\"method\": 5}"]);
        try
        {
            var (code, stdout, stderr) = await RunAsync("policy", "check", "--objects", Scenario("bookinfo.yaml"), file);

            Assert.Equal(2, code);
            Assert.StartsWith("pp-details\tallowed", stdout, StringComparison.Ordinal);
            Assert.Contains($"{file}: line 2: field 'method' must be a string", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Serve_LearnedBaseline_SurvivesRestart_ThenNewEdgesAlertOnce_AndExports()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"ewids-baseline-serve-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        var store = new StoreHostOptions { Settings = new StoreSettings { DataDirectory = dataDir } };
        try
        {
            await using (var learning = await SinkServer.StartAsync(o => o with { Store = store, Baseline = new BaselineHostOptions { LearnFor = TimeSpan.FromHours(1) } }))
            {
                await learning.Host.Baseline!.Loaded;
                Assert.True(learning.Host.Baseline.Learner.IsLearning);
                await SendAsync(learning, "reviews.bookinfo:9080", "/reviews/1", "/reviews/2");
                await learning.Alerts.WaitForAsync(r => r.Count(x => x.GetProperty("event_type").GetString() == "http") == 2, what: "two analysed requests");
                Assert.Empty(learning.Alerts.Alerts(9300020));
            }

            // restarted with the same --learn-for: the period counts from the stored edge, so it still learns
            await using (var again = await SinkServer.StartAsync(o => o with { Store = store, Baseline = new BaselineHostOptions { LearnFor = TimeSpan.FromHours(1) } }))
            {
                await again.Host.Baseline!.Loaded;
                Assert.True(again.Host.Baseline.Learner.IsLearning);
                Assert.Equal(1, again.Host.Baseline.Learner.BaselineEdgeCount);
            }

            await using (var detecting = await SinkServer.StartAsync(o => o with { Store = store, Baseline = new BaselineHostOptions { LearnFor = TimeSpan.Zero } }))
            {
                await detecting.Host.Baseline!.Loaded;
                Assert.False(detecting.Host.Baseline.Learner.IsLearning);
                await SendAsync(detecting, "reviews.bookinfo:9080", "/reviews/3");
                await SendAsync(detecting, "ratings.bookinfo:9080", "/ratings/1", "/ratings/2");
                await detecting.Alerts.WaitForAsync(r => r.Count(x => x.GetProperty("event_type").GetString() == "http") == 3, what: "three analysed requests");

                var alert = Assert.Single(detecting.Alerts.Alerts(9300020));
                Assert.Contains("→ ratings.bookinfo GET /ratings/{*}", alert.GetProperty("mesh").GetProperty("evidence").GetString(), StringComparison.Ordinal);
                Assert.Equal(1, await detecting.MetricAsync("eastwestids_baseline_new_edges_total"));
                Assert.Equal(1, await detecting.MetricAsync("eastwestids_baseline_edges"));
            }

            var (code, stdout, stderr) = await RunAsync("policy", "baseline", "export", "--data-dir", dataDir);
            Assert.True(code == 0, stderr);
            var edge = JsonDocument.Parse(Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;
            Assert.Equal("/reviews/{*}", edge.GetProperty("path").GetString());
            Assert.Equal(3, edge.GetProperty("count").GetInt64()); // two while learning, one known call while detecting
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Theory]
    [InlineData("--learn-for 3x", "--learn-for (EWIDS_LEARN_FOR): invalid value '3x'")]
    [InlineData("--learn-for 400d", "--learn-for (EWIDS_LEARN_FOR): invalid value '400d'")]
    [InlineData("--learn --learn-for 1h", "--learn (EWIDS_LEARN) and --learn-for (EWIDS_LEARN_FOR): give one of them")]
    [InlineData("--learn-for 7d --baseline-max-edges 0", "--baseline-max-edges (EWIDS_BASELINE_MAX_EDGES)")]
    public async Task Serve_BadBaselineSettings_Exit2_NamingTheSetting(string arguments, string message)
    {
        var (code, _, stderr) = await RunAsync(["serve", "--admin-address", "127.0.0.1", "--mirror-port", "0", "--admin-port", "0", .. arguments.Split(' ')]);

        Assert.Equal(2, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    private static async Task SendAsync(SinkServer server, string host, params string[] paths)
    {
        await using var client = await RawHttpClient.ConnectAsync(server.MirrorPort);
        foreach (var path in paths)
        {
            await client.SendAsync(
                $"GET {path} HTTP/1.1\r\nHost: {host}\r\n"
                + "x-forwarded-client-cert: By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash=e4;Subject=\"\";URI=spiffe://cluster.local/ns/bookinfo/sa/productpage\r\n\r\n");
        }

        await client.ReadResponsesAsync(paths.Length);
    }
}
