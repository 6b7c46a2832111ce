using System.Diagnostics;
using EastWestIds.Inventory.Snapshot;
using EastWestIds.Inventory.Yaml;
using k8s;

namespace EastWestIds.Kubernetes.Inventory;

/// <summary>
/// The inventory <c>--objects</c> reads from files, kept current from the cluster: one informer per kind (Namespaces,
/// ServiceAccounts, Services, Pods, AuthorizationPolicies, PeerAuthentications, VirtualServices). Changes only mark
/// the inventory dirty; one loop waits <see cref="LiveInventoryOptions.Debounce"/>, builds a complete new
/// <see cref="InventorySnapshot"/> from everything held and publishes it in one reference swap, so a reader sees the
/// old snapshot or the new one and never half an update. Nothing is published before every informer listed once.
/// Objects map through <see cref="KubernetesYamlReader"/> (JSON is YAML), the same mapping the files get.
/// </summary>
public sealed class LiveInventory : IAsyncDisposable
{
    private readonly IReadOnlyList<KindInformer> _informers;
    private readonly LiveInventoryOptions _options;
    private readonly KubernetesYamlReader _reader = new();
    private readonly SemaphoreSlim _dirty = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;
    private InventorySnapshot? _current;

    /// <summary>Watches through <paramref name="client"/>; call <see cref="Start"/> to begin.</summary>
    public LiveInventory(IKubernetes client, LiveInventoryOptions? options = null)
        : this(KindSources.All(client ?? throw new ArgumentNullException(nameof(client)), options?.Namespace), options ?? new LiveInventoryOptions())
    {
    }

    internal LiveInventory(IReadOnlyList<IKindSource> sources, LiveInventoryOptions options)
    {
        _options = options;
        _informers = [.. sources.Select(s => new KindInformer(s, options.Namespace, options, Metrics, MarkDirty, (kind, e) => WatchFailed?.Invoke(kind, e)))];
    }

    /// <summary>Raised after each new snapshot is published (on the rebuild loop; keep handlers short).</summary>
    public event Action<InventorySnapshot>? SnapshotPublished;

    /// <summary>Raised when a list or watch of a kind fails (it is retried after a backoff); for logging.</summary>
    public event Action<string, Exception>? WatchFailed;

    /// <summary>The latest complete snapshot; null until <see cref="IsReady"/>.</summary>
    public InventorySnapshot? Current => Volatile.Read(ref _current);

    /// <summary>True once every kind has been listed and the first snapshot is published.</summary>
    public bool IsReady => Current is not null;

    /// <summary>Watch restarts, rebuilds and rebuild time.</summary>
    public InventoryMetrics Metrics { get; } = new();

    /// <summary>
    /// What the informers read, one entry per kind: istio/deploy/rbac.yaml (and the namespaced variant in
    /// istio/optional/) must grant <see cref="Verbs"/> on exactly these, which a test checks against the calls made.
    /// </summary>
    public IReadOnlyList<WatchedResource> Resources => [.. _informers.Select(i => i.Resource)];

    /// <summary>The only RBAC verbs the informers use: a paged list, then a watch from its resourceVersion.</summary>
    public static IReadOnlyList<string> Verbs { get; } = ["list", "watch"];

    /// <summary>How many objects of each resource the informers hold now (a gauge for /metrics).</summary>
    public IReadOnlyList<(WatchedResource Resource, int Count)> ObjectCounts() => [.. _informers.Select(i => (i.Resource, i.Count))];

    /// <summary>The kinds not listed yet (for a readiness message).</summary>
    public IReadOnlyList<string> Waiting => [.. _informers.Where(i => !i.HasListed).Select(i => i.Kind)];

    /// <summary>Starts the informers and the rebuild loop.</summary>
    public void Start()
    {
        var stopping = _stopping.Token;
        _running = Task.WhenAll([.. _informers.Select(i => Task.Run(() => i.RunAsync(stopping), stopping)), Task.Run(() => RebuildLoopAsync(stopping), stopping)]);
    }

    /// <summary>Waits until the first snapshot is published, or throws when <paramref name="cancellationToken"/> ends first.</summary>
    public async Task<InventorySnapshot> WaitReadyAsync(CancellationToken cancellationToken)
    {
        var ready = new TaskCompletionSource<InventorySnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnPublished(InventorySnapshot snapshot) => ready.TrySetResult(snapshot);
        SnapshotPublished += OnPublished;
        try
        {
            if (Current is { } already)
            {
                return already;
            }

            return await ready.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            SnapshotPublished -= OnPublished;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        _stopping.Dispose();
        _dirty.Dispose();
    }

    /// <summary>Builds a snapshot from everything the informers hold now.</summary>
    internal (InventorySnapshot Snapshot, int Malformed) Build()
    {
        var builder = new InventoryBuilder();
        var malformed = 0;
        foreach (var informer in _informers)
        {
            foreach (var obj in informer.Objects())
            {
                var result = _reader.ReadText(obj.Json, $"{informer.Kind} {obj.Namespace}/{obj.Name}", builder);
                malformed += result.Errors.Length;
            }
        }

        return (builder.Build(), malformed);
    }

    private void MarkDirty()
    {
        try
        {
            _dirty.Release();
        }
        catch (SemaphoreFullException)
        {
            // already dirty: the pending rebuild will see this change too
        }
        catch (ObjectDisposedException)
        {
            // stopped
        }
    }

    private async Task RebuildLoopAsync(CancellationToken stopping)
    {
        try
        {
            while (true)
            {
                await _dirty.WaitAsync(stopping).ConfigureAwait(false);
                await Task.Delay(_options.Debounce, stopping).ConfigureAwait(false);
                if (_informers.Any(i => !i.HasListed))
                {
                    continue; // a partial inventory would judge traffic against missing policies
                }

                var started = Stopwatch.GetTimestamp();
                var (snapshot, malformed) = Build();
                Volatile.Write(ref _current, snapshot);
                Metrics.Rebuilt(Stopwatch.GetElapsedTime(started), malformed);
                SnapshotPublished?.Invoke(snapshot);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // stopping
        }
    }
}
