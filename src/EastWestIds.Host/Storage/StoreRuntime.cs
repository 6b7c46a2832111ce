using EastWestIds.Storage;
using EastWestIds.Storage.Redaction;
using EastWestIds.Storage.Writing;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace EastWestIds.Host.Storage;

/// <summary>
/// The alert store as the host runs it: the store, its background writer, the in-memory flow-edge counts and the
/// timer that flushes them, and the metrics. Start-up tries to reach the database for a few seconds; when it cannot
/// (PostgreSQL down) ingest starts anyway, the writer keeps retrying, queries answer 503 until it is there.
/// Disposal flushes the edges, drains the writer (bounded by its drain timeout) and closes the store.
/// </summary>
internal sealed partial class StoreRuntime : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CollectorRegistry _registry;
    private System.Threading.ITimer? _edgeTimer;
    private Task _connect = Task.CompletedTask;
    private volatile bool _initialized;
    private int _disposed;

    private StoreRuntime(StoreHostOptions options, IAlertStore store, AlertStoreWriter writer, StoreMetrics metrics, CollectorRegistry registry, ILogger logger)
    {
        Options = options;
        Store = store;
        Writer = writer;
        Metrics = metrics;
        _registry = registry;
        _logger = logger;
        Edges = new FlowEdgeAccumulator(options.MaxEdges);
    }

    public StoreHostOptions Options { get; }

    public IAlertStore Store { get; }

    public AlertStoreWriter Writer { get; }

    public FlowEdgeAccumulator Edges { get; }

    public StoreMetrics Metrics { get; }

    /// <summary>True once the database was reached and migrated; queries need it.</summary>
    public bool Initialized => _initialized;

    /// <summary>Creates the store and writer (nothing is opened yet). Throws <see cref="ArgumentException"/> for a bad <c>--store</c>.</summary>
    public static StoreRuntime Create(StoreHostOptions options, CollectorRegistry registry, ILoggerFactory loggers)
    {
        var store = options.Settings.CreateStore();
        var writer = new AlertStoreWriter(
            store,
            new StoreWriterOptions
            {
                Redaction = new RedactionOptions { Enabled = options.Redact },
                Retention = new RetentionOptions { MaxAge = options.RetentionMaxAge, MaxAlerts = options.RetentionMaxAlerts },
            },
            logger: loggers.CreateLogger<AlertStoreWriter>());
        return new StoreRuntime(options, store, writer, new StoreMetrics(registry, store.Kind), registry, loggers.CreateLogger("EastWestIds.Store"));
    }

    /// <summary>Starts writing; waits up to <see cref="StoreHostOptions.InitialConnectTimeout"/> for the database, then goes on without it.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Writer.Start();
        _registry.AddBeforeCollectCallback(UpdateMetrics);
        _edgeTimer = TimeProvider.System.CreateTimer(_ => FlushEdges(), null, Options.EdgeFlushInterval, Options.EdgeFlushInterval);
        _connect = ConnectLoopAsync(_stopping.Token);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(Options.InitialConnectTimeout);
        try
        {
            await _connect.WaitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.StartingWithoutStore(_logger, Store.Kind, Options.InitialConnectTimeout.TotalSeconds);
        }
    }

    /// <summary>Connects and migrates, retrying with backoff until it works or the host stops; then loads suppressions.</summary>
    private async Task ConnectLoopAsync(CancellationToken token)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Store.InitializeAsync(token).ConfigureAwait(false);
                await Store.RefreshSuppressionsAsync(token).ConfigureAwait(false);
                _initialized = true;
                Log.StoreReady(_logger, Store.Kind, await Store.GetSchemaVersionAsync(token).ConfigureAwait(false));
                return;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is StoreUnavailableException or InvalidOperationException or System.Data.Common.DbException or IOException or TimeoutException)
            {
                Log.ConnectFailed(_logger, Store.Kind, ex.Message);
                try
                {
                    await Task.Delay(delay, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private void FlushEdges()
    {
        try
        {
            Edges.FlushTo(Writer);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            // Stopping: the final flush in DisposeAsync takes what is left.
        }
    }

    private void UpdateMetrics()
        => Metrics.Update(Writer.GetStats(), _initialized && Writer.StoreAvailable, Edges.Overflow, Edges.EdgeCount);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_edgeTimer is not null)
        {
            await _edgeTimer.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await _connect.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A connect error nobody retries (e.g. the data directory not writable) was reported at start; stopping goes on.
            Log.ConnectFailed(_logger, Store.Kind, ex.Message);
        }

        FlushEdges();
        await Writer.DisposeAsync().ConfigureAwait(false);
        await Store.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 420, EventName = "StoreReady", Level = LogLevel.Information, Message = "Alert store ready ({Kind}, schema version {Version})")]
        public static partial void StoreReady(ILogger logger, string kind, int version);

        [LoggerMessage(EventId = 421, EventName = "StoreConnectFailed", Level = LogLevel.Warning, Message = "Alert store ({Kind}) not reachable yet, retrying: {Reason}")]
        public static partial void ConnectFailed(ILogger logger, string kind, string reason);

        [LoggerMessage(EventId = 422, EventName = "StartingWithoutStore", Level = LogLevel.Warning,
            Message = "Alert store ({Kind}) not reachable after {Seconds} s: ingest starts anyway, alerts queue (bounded) and the store is retried")]
        public static partial void StartingWithoutStore(ILogger logger, string kind, double seconds);
    }
}
