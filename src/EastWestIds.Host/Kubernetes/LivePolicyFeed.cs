using System.Diagnostics;
using EastWestIds.Engine.Authorization;
using EastWestIds.Inventory.Snapshot;
using EastWestIds.Kubernetes.Cluster;
using EastWestIds.Kubernetes.Inventory;
using EastWestIds.Policy.Mesh;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace EastWestIds.Host.Kubernetes;

/// <summary>
/// <c>--kubernetes</c>: the cluster's live inventory feeding the policy stage. Each complete inventory snapshot the
/// <see cref="LiveInventory"/> publishes is compiled into a <see cref="PolicySnapshot"/> and swapped into the
/// <see cref="PolicySnapshotSource"/> in one reference write, so a request is judged against one whole cluster state.
/// A compile that throws keeps the last good snapshot in force, and is logged and counted; it never stops the feed.
/// <para>
/// Until the first snapshot from the cluster is in force the source holds an empty mesh, and <see cref="IsReady"/>
/// is false so <c>/readyz</c> answers 503: Kubernetes keeps the sink out of its Service's endpoints, so no sidecar
/// mirrors to it before it knows the policies. (A request sent to the pod directly meanwhile is judged against the
/// empty mesh; its identity findings say "unknown namespace".)
/// </para>
/// </summary>
internal sealed partial class LivePolicyFeed : IAsyncDisposable
{
    private readonly LiveInventory _inventory;
    private readonly PolicySnapshotSource _source;
    private readonly Func<InventorySnapshot, PolicySnapshot> _compile;
    private readonly InventoryPrometheusMetrics _metrics;
    private readonly ILogger _logger;
    private string[] _diagnostics = [];
    private volatile bool _ready;

    internal LivePolicyFeed(LiveInventory inventory, PolicySnapshotSource source, Func<InventorySnapshot, PolicySnapshot> compile, InventoryPrometheusMetrics metrics, ILogger logger)
    {
        _inventory = inventory;
        _source = source;
        _compile = compile;
        _metrics = metrics;
        _logger = logger;
        metrics.Inventory = inventory;
        metrics.IsReady = () => _ready;
        inventory.SnapshotPublished += OnSnapshot;
        inventory.WatchFailed += (kind, e) => Log.WatchFailed(_logger, kind, e.GetType().Name, e.Message);
    }

    /// <summary>True once every resource has been listed and a policy snapshot compiled from them is in force.</summary>
    public bool IsReady => _ready;

    /// <summary>The inventory being watched (for tests and metrics).</summary>
    public LiveInventory Inventory => _inventory;

    /// <summary>
    /// The policy stage's source before the cluster answers: an empty mesh, compiled with the mesh settings every later
    /// snapshot is compiled with (root namespace, trust domain and aliases), so they are decided once, at start-up.
    /// </summary>
    public static PolicySnapshotSource InitialSource(string rootNamespace, IReadOnlyList<string> trustDomains, string clusterDomain)
    {
        var mesh = new MeshAuthzSettings(rootNamespace, trustDomains.Count > 0 ? trustDomains[0] : "cluster.local", [.. trustDomains.Skip(1)]);
        return new PolicySnapshotSource(PolicySnapshot.Compile(new InventoryBuilder().Build(), mesh, clusterDomain));
    }

    /// <summary>Connects to the API server, starts watching and feeds <paramref name="source"/> from now on.</summary>
    /// <exception cref="ClusterApiException">the Kubernetes configuration cannot be used.</exception>
    public static LivePolicyFeed Start(KubernetesInventoryOptions options, PolicySnapshotSource source, string clusterDomain, CollectorRegistry registry, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(source);
        var configuration = KubernetesConnection.Configuration(options.Kubeconfig, options.Context);
        var client = KubernetesConnection.Connect(configuration);
        var inventory = new LiveInventory(client, new LiveInventoryOptions { Namespace = options.Namespace, Debounce = options.Debounce });
        var mesh = source.Current.Policies.Mesh;
        var logger = loggers.CreateLogger("EastWestIds.Kubernetes");
        var feed = new LivePolicyFeed(inventory, source, snapshot => PolicySnapshot.Compile(snapshot, mesh, clusterDomain), new InventoryPrometheusMetrics(registry), logger);
        Log.Watching(logger, configuration.Host, options.Namespace ?? "all namespaces", mesh.RootNamespace);
        inventory.Start();
        return feed;
    }

    public ValueTask DisposeAsync()
    {
        _ready = false;
        _inventory.SnapshotPublished -= OnSnapshot;
        return _inventory.DisposeAsync();
    }

    /// <summary>Runs on the inventory's rebuild loop, once per published snapshot; the next rebuild waits for it.</summary>
    private void OnSnapshot(InventorySnapshot inventory)
    {
        _metrics.Rebuilt(_inventory.Metrics.LastRebuildDuration);
        var started = Stopwatch.GetTimestamp();
        PolicySnapshot compiled;
        try
        {
            compiled = _compile(inventory);
        }
        catch (Exception ex)
        {
            // Whatever the cluster holds, the sink keeps judging with the last good policies rather than none.
            _metrics.PublishFailed();
            Log.CompileFailed(_logger, ex, _ready);
            return;
        }

        _source.Publish(compiled);
        _metrics.Published(Stopwatch.GetElapsedTime(started));
        if (!_ready)
        {
            _ready = true;
            Log.Ready(_logger, compiled.Policies.Policies.Length, compiled.Inventory.Services.Length, compiled.Inventory.Pods.Length);
        }

        ReportDiagnostics(compiled);
    }

    /// <summary>Compile diagnostics are logged when they change, not on every rebuild (a pod restart rebuilds too).</summary>
    private void ReportDiagnostics(PolicySnapshot snapshot)
    {
        var now = snapshot.Policies.Diagnostics.Select(d => d.ToString()).Order(StringComparer.Ordinal).ToArray();
        if (now.AsSpan().SequenceEqual(_diagnostics))
        {
            return;
        }

        var before = _diagnostics.ToHashSet(StringComparer.Ordinal);
        foreach (var diagnostic in now)
        {
            if (!before.Contains(diagnostic))
            {
                Log.Diagnostic(_logger, diagnostic);
            }
        }

        _diagnostics = now;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 600, EventName = "KubernetesWatching", Level = LogLevel.Information,
            Message = "Authorization policy stage on: live inventory from the Kubernetes API at {Server} ({Scope}, root namespace {RootNamespace}); /readyz answers 503 until every resource is listed")]
        public static partial void Watching(ILogger logger, string server, string scope, string rootNamespace);

        [LoggerMessage(EventId = 601, EventName = "KubernetesReady", Level = LogLevel.Information,
            Message = "Live inventory ready: {Policies} AuthorizationPolicies over {Services} Services and {Pods} Pods")]
        public static partial void Ready(ILogger logger, int policies, int services, int pods);

        [LoggerMessage(EventId = 602, EventName = "KubernetesWatchFailed", Level = LogLevel.Warning,
            Message = "Listing or watching {Kind} failed ({Error}: {Message}); retrying after a backoff")]
        public static partial void WatchFailed(ILogger logger, string kind, string error, string message);

        [LoggerMessage(EventId = 603, EventName = "KubernetesCompileFailed", Level = LogLevel.Error,
            Message = "Compiling the AuthorizationPolicies of a new inventory snapshot failed; the previous policy snapshot stays in force (ready: {Ready})")]
        public static partial void CompileFailed(ILogger logger, Exception exception, bool ready);

        [LoggerMessage(EventId = 604, EventName = "KubernetesPolicyDiagnostic", Level = LogLevel.Warning, Message = "AuthorizationPolicy {Diagnostic}")]
        public static partial void Diagnostic(ILogger logger, string diagnostic);
    }
}
