using System.Text.Json.Nodes;
using EastWestIds.Inventory.Snapshot;
using EastWestIds.Kubernetes.Inventory;
using EastWestIds.TestCommon.Kubernetes;

namespace EastWestIds.Kubernetes.Tests.Inventory;

/// <summary>A test API server with a small mesh in it and a <see cref="LiveInventory"/> watching it through the real client.</summary>
internal sealed class LiveCluster : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private LiveCluster(TestApiServer server, LiveInventory inventory)
    {
        Server = server;
        Inventory = inventory;
    }

    public TestApiServer Server { get; }

    public LiveInventory Inventory { get; }

    public ObjectStore Store => Server.Store;

    /// <summary>Every list or watch failure the inventory reported, for messages when a test times out.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Failures { get; } = new();

    public static LiveInventoryOptions FastOptions(string? ns = null) => new()
    {
        Namespace = ns,
        Debounce = TimeSpan.FromMilliseconds(20),
        // Long enough that a loaded CI machine does not take a watch between two 200 ms bookmarks for dead: a restart
        // for silence leaves, for a moment, an eighth stream open, and AllWatchingAsync timed out on "open: 10" in the CI
        // run of b1e89b1 (SilentWatch_IsTakenAsDead_AndReconnected sets its own).
        SilenceTimeout = TimeSpan.FromSeconds(15),
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>Starts a server holding <see cref="Mesh"/> (after <paramref name="prepare"/>) and an inventory watching it.</summary>
    public static async Task<LiveCluster> StartAsync(LiveInventoryOptions? options = null, Action<TestApiServer>? prepare = null, bool waitReady = true)
    {
        var server = await TestApiServer.StartAsync();
        server.Store.Seed(Mesh());
        prepare?.Invoke(server);
        var inventory = new LiveInventory(server.CreateClient(), options ?? FastOptions());
        var cluster = new LiveCluster(server, inventory);
        inventory.WatchFailed += (kind, e) => cluster.Failures.Enqueue($"{kind}: {e.GetType().Name}: {e.Message}");
        inventory.Start();
        if (waitReady)
        {
            using var timeout = new CancellationTokenSource(Patience);
            await inventory.WaitReadyAsync(timeout.Token);
        }

        return cluster;
    }

    /// <summary>Waits until a published snapshot satisfies <paramref name="condition"/>; fails with what the last one held.</summary>
    public async Task<InventorySnapshot> EventuallyAsync(Func<InventorySnapshot, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (Inventory.Current is { } snapshot && condition(snapshot))
            {
                return snapshot;
            }

            await Task.Delay(20);
        }

        var last = Inventory.Current;
        Assert.Fail($"the inventory did not converge; it holds pods [{string.Join(", ", last?.Pods.Select(p => p.Name) ?? [])}], policies [{string.Join(", ", last?.AuthorizationPolicies.Select(p => p.Name) ?? [])}]");
        return null!;
    }

    /// <summary>Waits until <paramref name="condition"/> holds (for server-side state such as open watches).</summary>
    public static Task UntilAsync(Func<bool> condition, string what) => UntilAsync(condition, () => what);

    public static async Task UntilAsync(Func<bool> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what()}");
            await Task.Delay(20);
        }
    }

    /// <summary>Every kind is watching.</summary>
    public Task AllWatchingAsync() => UntilAsync(() => Server.OpenWatches == 7, () => $"seven open watches (open: {Server.OpenWatches}: {Server.OpenWatchResources}; restarts: {string.Join(", ", Inventory.Metrics.WatchRestarts.Select(r => $"{r.Key.Kind} {r.Key.Reason} {r.Value}"))}; failures: {string.Join(" | ", Failures.TakeLast(5))})");

    public int Lists(string resource) => Server.Requests.Count(r => r.Resource == resource && r.Verb == "list" && r.Status == 200);

    public async ValueTask DisposeAsync()
    {
        await Inventory.DisposeAsync();
        await Server.DisposeAsync();
    }

    public static JsonObject Pod(string name, string ns = "shop", string app = "reviews", string ip = "10.0.0.9") => TestObjects.One($$$"""
        apiVersion: v1
        kind: Pod
        metadata: {name: {{{name}}}, namespace: {{{ns}}}, labels: {app: {{{app}}}}}
        spec: {serviceAccountName: {{{app}}}, containers: [{name: c, image: i, ports: [{containerPort: 9080}]}]}
        status: {podIP: {{{ip}}}}
        """);

    public static JsonObject Policy(string name, string ns = "shop", string action = "ALLOW") => TestObjects.One($$$"""
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: {{{name}}}, namespace: {{{ns}}}}
        spec:
          action: {{{action}}}
          selector: {matchLabels: {app: reviews}}
          rules: [{from: [{source: {principals: ["cluster.local/ns/shop/sa/productpage"]}}]}]
        """);

    /// <summary>One object of each kind in namespace shop, and a pod and a namespace elsewhere.</summary>
    public static JsonObject[] Mesh() =>
    [
        TestObjects.One("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {istio-injection: enabled}}\n"),
        TestObjects.One("apiVersion: v1\nkind: Namespace\nmetadata: {name: other}\n"),
        TestObjects.One("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: reviews, namespace: shop}\n"),
        TestObjects.Service("reviews", "shop"),
        Pod("reviews-1"),
        Pod("stranger", "other", "stranger", "10.0.1.1"),
        Policy("reviews-allow"),
        TestObjects.One("""
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: strict, namespace: shop}
            spec: {mtls: {mode: STRICT}}
            """),
        TestObjects.One("""
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews, namespace: shop}
            spec:
              hosts: [reviews]
              http: [{route: [{destination: {host: reviews}}], mirror: {host: ewids.ewids-system.svc.cluster.local, port: {number: 8080}}}]
            """),
    ];
}
