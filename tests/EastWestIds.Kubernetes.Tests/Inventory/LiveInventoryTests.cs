using EastWestIds.Inventory.Model;
using EastWestIds.Kubernetes.Inventory;
using EastWestIds.TestCommon.Kubernetes;

namespace EastWestIds.Kubernetes.Tests.Inventory;

/// <summary>The live inventory, with the real KubernetesClient against the test API server's list/watch protocol.</summary>
public sealed class LiveInventoryTests
{
    private static readonly string[] Resources = ["namespaces", "serviceaccounts", "services", "pods", "authorizationpolicies", "peerauthentications", "virtualservices"];

    private static IpKey Ip(string text)
    {
        Assert.True(IpKey.TryParse(text, out var ip));
        return ip;
    }

    [Fact]
    public async Task InitialList_BuildsASnapshotOfEveryKind_MappedAsTheYamlReaderMapsThem()
    {
        await using var cluster = await LiveCluster.StartAsync();

        var snapshot = cluster.Inventory.Current!;
        Assert.True(cluster.Inventory.IsReady);
        Assert.Equal(["other", "shop"], snapshot.Namespaces.Select(n => n.Name).Order(StringComparer.Ordinal));
        Assert.Equal("enabled", snapshot.FindNamespace("shop")!.Labels["istio-injection"]);
        Assert.True(snapshot.HasServiceAccount("shop", "reviews"));
        Assert.True(snapshot.TryGetService("shop", "reviews", out var service));
        Assert.Equal(9080, Assert.Single(service.Ports).Port);
        var pod = Assert.Single(snapshot.PodsByIp(Ip("10.0.0.9")));
        Assert.Equal(("shop", "reviews-1", "reviews", 9080), (pod.Namespace, pod.Name, pod.ServiceAccount, Assert.Single(pod.ContainerPorts).Port));
        var policy = Assert.Single(snapshot.AuthorizationPolicies);
        Assert.Equal(("reviews-allow", "ALLOW", "security.istio.io/v1", false), (policy.Name, policy.Action, policy.ApiVersion, policy.FileOnly));
        Assert.Equal("STRICT", Assert.Single(snapshot.PeerAuthentications).Mode);
        var mirror = Assert.Single(Assert.Single(snapshot.VirtualServices).Mirrors);
        Assert.Equal(("ewids.ewids-system.svc.cluster.local", 8080), (mirror.Host, mirror.Port));
        Assert.Equal(0, cluster.Inventory.Metrics.MalformedObjects);
        Assert.True(cluster.Inventory.Metrics.Rebuilds >= 1);

        // list first, then a watch of every kind
        await cluster.AllWatchingAsync();
        foreach (var resource in Resources)
        {
            Assert.Equal(["list", "watch"], cluster.Server.Requests.Where(r => r.Resource == resource).Select(r => r.Verb).Distinct());
        }
    }

    [Fact]
    public async Task AddModifyDelete_AreFollowed_AndEachSnapshotIsANewObject()
    {
        await using var cluster = await LiveCluster.StartAsync();
        var first = cluster.Inventory.Current!;
        var published = new List<EastWestIds.Inventory.Snapshot.InventorySnapshot>();
        cluster.Inventory.SnapshotPublished += s => { lock (published) { published.Add(s); } };
        await cluster.AllWatchingAsync();

        cluster.Store.Seed(LiveCluster.Pod("reviews-2", ip: "10.0.0.10"));
        cluster.Store.Edit(ApiResource.AuthorizationPolicies, "shop", "reviews-allow", p => p["spec"]!["action"] = "DENY");
        cluster.Store.Delete(ApiResource.VirtualServices, "shop", "reviews", null);

        var now = await cluster.EventuallyAsync(s =>
            s.PodsByIp(Ip("10.0.0.10")).Length == 1
            && s.AuthorizationPolicies.Single().Action == "DENY"
            && s.VirtualServices.IsEmpty);
        Assert.Equal(2, now.Pods.Count(p => p.Namespace == "shop"));
        Assert.Single(first.VirtualServices); // an old snapshot never changes
        Assert.Equal("ALLOW", first.AuthorizationPolicies.Single().Action);

        // The inventory makes a snapshot current, then raises the event: the snapshot can be seen before the handler
        // has run, so the event is waited for, not assumed.
        Assert.True(
            SpinWait.SpinUntil(() => { lock (published) { return published.Contains(now); } }, TimeSpan.FromSeconds(10)),
            "the snapshot in force was never published through SnapshotPublished");

        Assert.Equal(1, cluster.Lists("pods")); // followed by the watch, not by listing again
    }

    [Fact]
    public async Task Gone_ListsAgain_AndConverges()
    {
        await using var cluster = await LiveCluster.StartAsync();
        await cluster.AllWatchingAsync();

        cluster.Server.ExpireWatches();
        cluster.Store.Seed(LiveCluster.Pod("reviews-2", ip: "10.0.0.10"));
        cluster.Store.Delete(ApiResource.AuthorizationPolicies, "shop", "reviews-allow", null);

        await cluster.EventuallyAsync(s => s.PodsByIp(Ip("10.0.0.10")).Length == 1 && s.AuthorizationPolicies.IsEmpty);
        Assert.True(cluster.Inventory.Metrics.Restarts("Pod", WatchRestartReason.Gone) >= 1);
        Assert.True(cluster.Lists("pods") >= 2);
        Assert.True(cluster.Lists("authorizationpolicies") >= 2);
    }

    [Fact]
    public async Task DroppedStream_Reconnects_FromTheLastVersion()
    {
        await using var cluster = await LiveCluster.StartAsync();
        await cluster.AllWatchingAsync();

        cluster.Server.DropWatches();
        cluster.Store.Seed(LiveCluster.Pod("reviews-2", ip: "10.0.0.10"));

        await cluster.EventuallyAsync(s => s.PodsByIp(Ip("10.0.0.10")).Length == 1);
        await cluster.AllWatchingAsync();
        Assert.True(cluster.Inventory.Metrics.Restarts("Pod", WatchRestartReason.Error) >= 1);
        Assert.Equal(1, cluster.Lists("pods")); // resumed from its resourceVersion: no second list
        Assert.True(cluster.Server.Requests.Count(r => r.Resource == "pods" && r.Verb == "watch") >= 2);
    }

    [Fact]
    public async Task ObjectsDeletedWhileDisconnected_DisappearAfterTheReList()
    {
        await using var cluster = await LiveCluster.StartAsync();
        await cluster.AllWatchingAsync();

        cluster.Server.RefuseWatches = true;
        cluster.Server.DropWatches();
        cluster.Store.Delete(ApiResource.Pods, "shop", "reviews-1", null);
        cluster.Store.Delete(ApiResource.AuthorizationPolicies, "shop", "reviews-allow", null);
        cluster.Store.Compact(); // the deletions are no longer in the history a watch could replay
        await LiveCluster.UntilAsync(() => cluster.Server.Requests.Any(r => r.Resource == "pods" && r.Status == 503), "a refused pod watch");
        Assert.Single(cluster.Inventory.Current!.PodsByIp(Ip("10.0.0.9"))); // still the last known state
        cluster.Server.RefuseWatches = false;

        await cluster.EventuallyAsync(s => s.PodsByIp(Ip("10.0.0.9")).IsEmpty && s.AuthorizationPolicies.IsEmpty);
        Assert.True(cluster.Inventory.Metrics.Restarts("Pod", WatchRestartReason.Error) >= 1);
        Assert.True(cluster.Inventory.Metrics.Restarts("Pod", WatchRestartReason.Gone) >= 1);
        Assert.Single(cluster.Inventory.Current!.Pods); // the stranger in "other" is still there
    }

    [Fact]
    public async Task SilentWatch_IsTakenAsDead_AndReconnected()
    {
        var options = LiveCluster.FastOptions() with { SilenceTimeout = TimeSpan.FromMilliseconds(600) };
        await using var cluster = await LiveCluster.StartAsync(options, server => server.SilentWatches = true);

        await LiveCluster.UntilAsync(() => cluster.Inventory.Metrics.Restarts("Pod", WatchRestartReason.Silent) >= 1, "a silent pod watch to be restarted");
        cluster.Server.SilentWatches = false;
        cluster.Store.Seed(LiveCluster.Pod("reviews-2", ip: "10.0.0.10"));

        await cluster.EventuallyAsync(s => s.PodsByIp(Ip("10.0.0.10")).Length == 1);
        Assert.Equal(1, cluster.Lists("pods")); // a reconnect, not a re-list

        // The silent streams it gave up on are closed, not left open beside their replacements.
        await cluster.AllWatchingAsync();
    }

    [Fact]
    public async Task Ready_OnlyAfterEveryKindListedOnce()
    {
        var denyVirtualServices = true;
        await using var cluster = await LiveCluster.StartAsync(
            prepare: server => server.Deny = r => Volatile.Read(ref denyVirtualServices) && r.Resource == "virtualservices" ? 403 : null,
            waitReady: false);

        await LiveCluster.UntilAsync(() => cluster.Server.Requests.Count(r => r.Resource == "virtualservices" && r.Status == 403) >= 2, "refused VirtualService lists");
        await LiveCluster.UntilAsync(() => cluster.Inventory.Waiting.Count == 1, "the other kinds to list");
        Assert.Equal(["VirtualService"], cluster.Inventory.Waiting);
        Assert.False(cluster.Inventory.IsReady);
        Assert.Null(cluster.Inventory.Current);
        Assert.Equal(0, cluster.Inventory.Metrics.Rebuilds);
        Assert.True(cluster.Inventory.Metrics.Restarts("VirtualService", WatchRestartReason.Error) >= 1);

        Volatile.Write(ref denyVirtualServices, false);
        using var timeout = new CancellationTokenSource(LiveCluster.Patience);
        var snapshot = await cluster.Inventory.WaitReadyAsync(timeout.Token);

        Assert.True(cluster.Inventory.IsReady);
        Assert.Single(snapshot.VirtualServices);
        Assert.Single(snapshot.AuthorizationPolicies);
    }

    [Fact]
    public async Task NamespaceLimited_OnlyRequestsThatNamespace()
    {
        await using var cluster = await LiveCluster.StartAsync(LiveCluster.FastOptions("shop"));
        await cluster.AllWatchingAsync();

        var snapshot = cluster.Inventory.Current!;
        Assert.Equal(["reviews-1"], snapshot.Pods.Select(p => p.Name));
        Assert.Equal(["shop"], snapshot.Namespaces.Select(n => n.Name));
        foreach (var request in cluster.Server.Requests)
        {
            if (request.Resource == "namespaces")
            {
                Assert.Equal("metadata.name=shop", request.FieldSelector);
            }
            else
            {
                Assert.Equal("shop", request.Namespace);
            }
        }

        cluster.Store.Seed(LiveCluster.Pod("stranger-2", "other", "stranger", "10.0.1.2"), LiveCluster.Pod("reviews-2", ip: "10.0.0.10"));
        var later = await cluster.EventuallyAsync(s => s.Pods.Length == 2);
        Assert.Equal(["reviews-1", "reviews-2"], later.Pods.Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AuthorizationPolicies_FallBackToV1beta1_WhenV1IsNotServed()
    {
        await using var cluster = await LiveCluster.StartAsync(
            prepare: server => server.Deny = r => r.Resource == "authorizationpolicies" && r.Version == "v1" ? 404 : null);

        Assert.Single(cluster.Inventory.Current!.AuthorizationPolicies);
        await cluster.AllWatchingAsync();
        Assert.Contains(cluster.Server.Requests, r => r.Resource == "authorizationpolicies" && r.Version == "v1beta1" && r.Verb == "watch");
    }

    [Fact]
    public async Task AnObjectTheMapperRefuses_IsLeftOutAndCounted_AndTheRestIsPublished()
    {
        await using var cluster = await LiveCluster.StartAsync();
        await cluster.AllWatchingAsync();

        cluster.Store.Seed(LiveCluster.Pod("broken", ip: "not-an-ip"), LiveCluster.Pod("reviews-2", ip: "10.0.0.10"));

        var snapshot = await cluster.EventuallyAsync(s => s.PodsByIp(Ip("10.0.0.10")).Length == 1);
        Assert.DoesNotContain(snapshot.Pods, p => p.Name == "broken");
        Assert.Equal(1, cluster.Inventory.Metrics.MalformedObjects);

        cluster.Store.Delete(ApiResource.Pods, "shop", "broken", null);
        await cluster.EventuallyAsync(s => s.Pods.Length == 3);
        await LiveCluster.UntilAsync(() => cluster.Inventory.Metrics.MalformedObjects == 0, "the malformed count to drop with the object");
    }

    [Fact]
    public async Task ABurstOfChanges_CostsFewRebuilds()
    {
        var options = LiveCluster.FastOptions() with { Debounce = TimeSpan.FromMilliseconds(300) };
        await using var cluster = await LiveCluster.StartAsync(options);
        await cluster.AllWatchingAsync();
        var before = cluster.Inventory.Metrics.Rebuilds;

        cluster.Store.Seed([.. Enumerable.Range(0, 40).Select(i => LiveCluster.Pod($"burst-{i}", ip: $"10.0.2.{i}"))]);

        await cluster.EventuallyAsync(s => s.Pods.Length == 42);
        Assert.InRange(cluster.Inventory.Metrics.Rebuilds - before, 1, 10);
        Assert.True(cluster.Inventory.Metrics.RebuildTime > TimeSpan.Zero);
    }
}
