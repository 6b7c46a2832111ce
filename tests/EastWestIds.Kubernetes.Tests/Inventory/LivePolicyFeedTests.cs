using EastWestIds.Engine.Authorization;
using EastWestIds.Host.Kubernetes;
using EastWestIds.Inventory.Snapshot;
using EastWestIds.Kubernetes.Inventory;
using EastWestIds.Policy.Compilation;
using EastWestIds.TestCommon.Kubernetes;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace EastWestIds.Kubernetes.Tests.Inventory;

/// <summary>
/// The host's feed from the live inventory to the policy stage: every published inventory snapshot is compiled and
/// swapped in; a compile that fails keeps the last good policies, is counted, and does not make the sink ready.
/// </summary>
public sealed class LivePolicyFeedTests
{
    private sealed class Fixture : IAsyncDisposable
    {
        private volatile bool _fail;
        private volatile InventorySnapshot? _refused;

        private Fixture(TestApiServer server, LivePolicyFeed feed, PolicySnapshotSource source, CollectorRegistry registry)
        {
            Server = server;
            Feed = feed;
            Source = source;
            Registry = registry;
        }

        public TestApiServer Server { get; }

        public LivePolicyFeed Feed { get; }

        public PolicySnapshotSource Source { get; }

        public CollectorRegistry Registry { get; }

        public bool Fail
        {
            get => _fail;
            set => _fail = value;
        }

        /// <summary>The last inventory snapshot whose compile was made to fail.</summary>
        public InventorySnapshot? Refused => _refused;

        public static async Task<Fixture> StartAsync(bool failFirst)
        {
            var server = await TestApiServer.StartAsync();
            server.Store.Seed(LiveCluster.Mesh());
            var source = LivePolicyFeed.InitialSource("istio-system", ["cluster.local"], "cluster.local");
            var mesh = source.Current.Policies.Mesh;
            var registry = Metrics.NewCustomRegistry();
            var inventory = new LiveInventory(server.CreateClient(), LiveCluster.FastOptions());
            Fixture? fixture = null;
            PolicySnapshot Compile(InventorySnapshot snapshot)
            {
                if (fixture!.Fail)
                {
                    fixture._refused = snapshot;
                    throw new InvalidOperationException("compiler bug");
                }

                return PolicySnapshot.Compile(snapshot, mesh, "cluster.local");
            }

            var feed = new LivePolicyFeed(inventory, source, Compile, new InventoryPrometheusMetrics(registry), NullLogger.Instance);
            fixture = new Fixture(server, feed, source, registry) { Fail = failFirst };
            inventory.Start();
            return fixture;
        }

        public async Task<double> MetricAsync(string sample)
        {
            using var stream = new MemoryStream();
            await Registry.CollectAndExportAsTextAsync(stream);
            foreach (var line in System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n'))
            {
                if (line.StartsWith(sample + " ", StringComparison.Ordinal))
                {
                    return double.Parse(line[(sample.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            return 0;
        }

        public async Task MetricAtLeastAsync(string sample, double least)
        {
            var deadline = DateTime.UtcNow + LiveCluster.Patience;
            while (await MetricAsync(sample) < least)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{sample} stayed below {least}");
                await Task.Delay(20);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Feed.DisposeAsync();
            await Server.DisposeAsync();
        }
    }

    private const string Failures = "eastwestids_k8s_policy_publishes_total{result=\"failure\"}";
    private const string Successes = "eastwestids_k8s_policy_publishes_total{result=\"success\"}";

    [Fact]
    public async Task FirstSnapshot_IsCompiledAndPublished_ThenTheFeedIsReady()
    {
        await using var fixture = await Fixture.StartAsync(failFirst: false);
        var empty = fixture.Source.Current;

        await LiveCluster.UntilAsync(() => fixture.Feed.IsReady, "the feed to be ready");

        Assert.NotSame(empty, fixture.Source.Current);
        Assert.Equal("shop/reviews-allow", Assert.Single(fixture.Source.Current.Policies.Policies).Name);
        Assert.Equal(["reviews-1", "stranger"], fixture.Source.Current.Inventory.Pods.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(1, await fixture.MetricAsync("eastwestids_k8s_inventory_ready"));
        Assert.True(await fixture.MetricAsync(Successes) >= 1);
    }

    [Fact]
    public async Task CompileFailure_KeepsTheLastGoodSnapshot_CountsIt_AndRecovers()
    {
        await using var fixture = await Fixture.StartAsync(failFirst: false);
        await LiveCluster.UntilAsync(() => fixture.Feed.IsReady, "the feed to be ready");

        fixture.Fail = true;
        fixture.Server.Store.Edit(ApiResource.AuthorizationPolicies, "shop", "reviews-allow", p => p["spec"]!["action"] = "DENY");
        // Wait for the compile of a snapshot that holds the edit, not for any failure: a rebuild already queued when
        // Fail was set fails too, before the watch has delivered the edit.
        await LiveCluster.UntilAsync(() => fixture.Refused?.AuthorizationPolicies.Single().Action == "DENY", "a refused snapshot holding the DENY");
        var good = fixture.Source.Current; // rebuilds run one at a time: after a failed one, nothing else is in flight
        Assert.Equal(PolicyAction.Allow, Assert.Single(good.Policies.Policies).Action);
        fixture.Server.Store.Seed(LiveCluster.Pod("reviews-2", ip: "10.0.0.10"));
        await LiveCluster.UntilAsync(() => fixture.Refused?.Pods.Any(p => p.Name == "reviews-2") == true, "a refused snapshot holding reviews-2");
        await fixture.MetricAtLeastAsync(Failures, 2); // counted just after the compile throws

        Assert.Same(good, fixture.Source.Current); // requests are still judged by the last good policies
        Assert.Equal("DENY", fixture.Feed.Inventory.Current!.AuthorizationPolicies.Single().Action); // the inventory moved on
        Assert.True(fixture.Feed.IsReady); // it was ready and stays so: judging with slightly old policies beats not judging

        fixture.Fail = false;
        fixture.Server.Store.Edit(ApiResource.AuthorizationPolicies, "shop", "reviews-allow", p => p["metadata"]!["labels"] = new System.Text.Json.Nodes.JsonObject { ["touched"] = "yes" });
        await LiveCluster.UntilAsync(() => !ReferenceEquals(good, fixture.Source.Current), "a new snapshot after recovery");
        Assert.Equal(PolicyAction.Deny, Assert.Single(fixture.Source.Current.Policies.Policies).Action);
        Assert.Contains(fixture.Source.Current.Inventory.Pods, p => p.Name == "reviews-2");
    }

    [Fact]
    public async Task FirstCompileFailing_LeavesTheFeedNotReady_UntilOneSucceeds()
    {
        await using var fixture = await Fixture.StartAsync(failFirst: true);
        var empty = fixture.Source.Current;

        await fixture.MetricAtLeastAsync(Failures, 1);
        Assert.False(fixture.Feed.IsReady);
        Assert.Same(empty, fixture.Source.Current);
        Assert.Equal(0, await fixture.MetricAsync("eastwestids_k8s_inventory_ready"));

        fixture.Fail = false;
        fixture.Server.Store.Seed(LiveCluster.Pod("reviews-2", ip: "10.0.0.10"));
        await LiveCluster.UntilAsync(() => fixture.Feed.IsReady, "the feed to be ready");
        Assert.NotSame(empty, fixture.Source.Current);
        await LiveCluster.UntilAsync(() => fixture.Source.Current.Inventory.Pods.Any(p => p.Name == "reviews-2"), "the new pod in the policy snapshot");
    }
}
