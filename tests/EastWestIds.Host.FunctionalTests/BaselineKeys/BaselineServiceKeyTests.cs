using EastWestIds.Host.Baseline;
using EastWestIds.Host.Cli;
using EastWestIds.Host.FunctionalTests.Infrastructure;
using EastWestIds.Host.Storage;
using EastWestIds.Storage;
using EastWestIds.Storage.Model;
using EastWestIds.TestCommon;

namespace EastWestIds.Host.FunctionalTests.BaselineKeys;

/// <summary>
/// Through the real sink and store: the learned baseline keys an edge's callee exactly as the store keys suppressions
/// and flow edges (<see cref="CalleeKey"/>, the Service <c>name.namespace</c>), and a baseline stored by an older build
/// under other spellings of a Service keeps every one of them known.
/// </summary>
public sealed class BaselineServiceKeyTests
{
    private const string Caller = "spiffe://cluster.local/ns/bookinfo/sa/productpage";

    /// <summary>Host shapes (as sent, then as the key sees them: no <c>-shadow</c>, no port) with a path word to tell them apart.</summary>
    private static readonly (string Sent, string Host, string Path)[] s_shapes =
    [
        ("ratings-shadow:9080", "ratings", "/short"),
        ("ratings.bookinfo:9080", "ratings.bookinfo", "/dotted"),
        ("ratings.bookinfo.svc", "ratings.bookinfo.svc", "/svc"),
        ("Ratings.BOOKINFO.svc.cluster.local.-shadow:9080", "Ratings.BOOKINFO.svc.cluster.local.", "/fqdn"),
        ("ratings-0.ratings.bookinfo.svc.cluster.local:9080", "ratings-0.ratings.bookinfo.svc.cluster.local", "/pod"),
        ("reviews.default", "reviews.default", "/othernamespace"),
        ("api.example.com:443", "api.example.com", "/external"),
        ("Example.COM", "Example.COM", "/twolabels"),
    ];

    [Fact]
    public async Task LearnedCallees_AreTheStoresCalleeKeys_ForEveryHostShape()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"ewids-baseline-key-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        var store = new StoreHostOptions { Settings = new StoreSettings { DataDirectory = dataDir } };
        try
        {
            await using (var sink = await SinkServer.StartAsync(o => o with { Store = store, Baseline = new BaselineHostOptions { LearnUntilRestart = true } }))
            {
                await sink.Host.Baseline!.Loaded;
                foreach (var (sent, _, path) in s_shapes)
                {
                    await SendAsync(sink, sent, path);
                }

                await sink.Alerts.WaitForAsync(r => r.Count(x => x.GetProperty("event_type").GetString() == "http") == s_shapes.Length, what: "every shape analysed");
                var learned = sink.Host.Baseline.Learner.Snapshot().ToDictionary(e => e.PathTemplate, e => e.Callee);
                foreach (var (_, host, path) in s_shapes)
                {
                    Assert.Equal(CalleeKey.Of(Caller, host), learned[path]);
                }

                Assert.Equal(
                    ["api.example.com", "example.com", "ratings.bookinfo", "reviews.default"],
                    learned.Values.Distinct().Order(StringComparer.Ordinal));
            }

            // What the store holds after shutdown: baseline rows and flow edges name the same Services.
            await using var reopened = store.Settings.CreateStore();
            await reopened.InitializeAsync();
            var baseline = (await reopened.ListBaselineAsync(caller: Caller)).Select(e => e.Callee).Distinct().Order(StringComparer.Ordinal);
            var edges = (await reopened.ListEdgesAsync()).Where(e => e.Caller == Caller).Select(e => e.Callee).Distinct().Order(StringComparer.Ordinal);
            Assert.Equal(["api.example.com", "example.com", "ratings.bookinfo", "reviews.default"], baseline);
            Assert.Equal(edges, baseline);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task BaselineStoredUnderOldSpellings_EverySpellingIsKnown_OnlyANewServiceAlerts()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"ewids-baseline-old-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        var store = new StoreHostOptions { Settings = new StoreSettings { DataDirectory = dataDir } };
        try
        {
            // Rows as older builds wrote them: Istio's FQDN, and the host as the caller spelled it.
            var then = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds());
            await using (var old = store.Settings.CreateStore())
            {
                await old.InitializeAsync();
                var batch = new StoreBatch();
                batch.Baseline.Add(new BaselineDelta(Caller, "reviews.bookinfo.svc.cluster.local", "GET", "/reviews/{*}", 4, then, then));
                batch.Baseline.Add(new BaselineDelta(Caller, "ratings", "GET", "/ratings/{*}", 2, then, then));
                batch.Baseline.Add(new BaselineDelta(Caller, "ratings.bookinfo", "GET", "/ratings/{*}", 1, then, then));
                await old.WriteBatchAsync(batch);
            }

            await using (var sink = await SinkServer.StartAsync(o => o with { Store = store, Baseline = new BaselineHostOptions { LearnFor = TimeSpan.Zero } }))
            {
                await sink.Host.Baseline!.Loaded;
                Assert.False(sink.Host.Baseline.Learner.IsLearning);
                Assert.Equal(2, sink.Host.Baseline.Learner.BaselineEdgeCount); // the two ratings spellings are one edge

                await SendAsync(sink, "reviews:9080", "/reviews/1");
                await SendAsync(sink, "reviews.bookinfo.svc.cluster.local.-shadow:9080", "/reviews/2");
                await SendAsync(sink, "ratings.bookinfo-shadow:9080", "/ratings/1");
                await SendAsync(sink, "ratings-0.ratings.bookinfo.svc.cluster.local", "/ratings/2");
                await SendAsync(sink, "RATINGS", "/ratings/3");
                await SendAsync(sink, "details.bookinfo:9080", "/details/1");
                await sink.Alerts.WaitForAsync(r => r.Count(x => x.GetProperty("event_type").GetString() == "http") == 6, what: "six analysed requests");

                var alert = Assert.Single(sink.Alerts.Alerts(9300020));
                Assert.Contains("→ details.bookinfo GET /details/{*}", alert.GetProperty("mesh").GetProperty("evidence").GetString(), StringComparison.Ordinal);
                Assert.Equal(1, await sink.MetricAsync("eastwestids_baseline_new_edges_total"));
            }

            // The export lists each edge once under its Service key: old rows and the counts since merged.
            var output = new StringWriter();
            Assert.Equal(0, await PolicyCommand.ExportAsync(store.Settings, null, output, TextWriter.Null, CancellationToken.None));
            var exported = global::EastWestIds.Policy.Baseline.BaselineJsonLines.Read(new StringReader(output.ToString()), "export", []);
            Assert.Equal(
                [("ratings.bookinfo", "/ratings/{*}", 6L, then), ("reviews.bookinfo", "/reviews/{*}", 6L, then)],
                exported.Select(l => (l.Edge.Callee, l.Edge.PathTemplate, l.Edge.Count, l.FirstSeen!.Value)));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task SendAsync(SinkServer server, string host, string path)
    {
        await using var client = await RawHttpClient.ConnectAsync(server.MirrorPort);
        await client.SendAsync(
            $"GET {path} HTTP/1.1\r\nHost: {host}\r\n"
            + "x-forwarded-client-cert: By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash=e4;Subject=\"\";URI=" + Caller + "\r\n\r\n");
        await client.ReadResponsesAsync(1);
    }
}
