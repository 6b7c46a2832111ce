using System.Threading.Channels;
using EastWestIds.Storage.Model;
using EastWestIds.Storage.Redaction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EastWestIds.Storage.Writing;

/// <summary>
/// Takes alerts and flow/baseline deltas from the request path and writes them to an <see cref="IAlertStore"/> in
/// batches, on its own task. The request path only calls <c>TryEnqueue</c>, which never blocks and never waits on the
/// database: it either queues the item or counts a drop by reason and returns false.
/// </summary>
/// <remarks>
/// <para>Bounds: at most <see cref="StoreWriterOptions.MaxQueuedItems"/> items and
/// <see cref="StoreWriterOptions.MaxQueuedBytes"/> estimated bytes are held, counting the batch being written, so a
/// store that is down costs bounded memory. While the store is down the writer keeps its batch and retries it with
/// exponential backoff; the queue fills meanwhile, then drops are counted as <see cref="StoreDropReason.StoreDown"/>.
/// When the store is back the batch and then the queue drain.</para>
/// <para>Crash safety: a batch is one transaction, so a kill loses at most what was queued or in flight, never
/// a half-written batch; the database itself (SQLite WAL or PostgreSQL) opens cleanly afterwards.</para>
/// <para>Redaction runs here, on the writer's task, before anything reaches the database.</para>
/// </remarks>
public sealed partial class AlertStoreWriter : IAsyncDisposable
{
    private readonly record struct QueuedItem(object Item, long Bytes);

    private readonly IAlertStore _store;
    private readonly StoreWriterOptions _options;
    private readonly AlertRedactor _redactor;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<QueuedItem> _channel = Channel.CreateUnbounded<QueuedItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _hardStop = new();
    private readonly long[] _dropped = new long[Enum.GetValues<StoreDropReason>().Length];

    private long _queuedItems;
    private long _queuedBytes;
    private long _accepted;
    private long _finished;
    private long _alertsWritten;
    private long _itemsWritten;
    private long _batches;
    private long _writeErrors;
    private long _maintenanceErrors;
    private volatile bool _available = true;
    private volatile bool _initialized;
    private volatile bool _stopping;
    private int _disposed;
    private Task? _writerTask;
    private Task? _maintenanceTask;

    public AlertStoreWriter(IAlertStore store, StoreWriterOptions? options = null, TimeProvider? timeProvider = null, ILogger<AlertStoreWriter>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _options = options ?? new StoreWriterOptions();
        _options.Validate();
        _redactor = new AlertRedactor(_options.Redaction);
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The store written to.</summary>
    public IAlertStore Store => _store;

    /// <summary>Starts the writer and maintenance tasks. The store need not be reachable yet: initialization is retried.</summary>
    public void Start()
    {
        if (_writerTask is not null)
        {
            throw new InvalidOperationException("The writer is already started.");
        }

        _writerTask = Task.Run(WriteLoopAsync);
        _maintenanceTask = Task.Run(MaintenanceLoopAsync);
    }

    /// <summary>Queues an alert for storing; false (and a counted drop) when the queue is full or the writer stopping. Never blocks.</summary>
    public bool TryEnqueue(AlertRecord alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return TryEnqueue(alert, alert.EstimatedBytes());
    }

    /// <summary>Queues calls observed on an edge. Never blocks.</summary>
    public bool TryEnqueue(FlowEdgeDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        return TryEnqueue(delta, 160 + (2L * (delta.Caller.Length + delta.Callee.Length)));
    }

    /// <summary>Queues calls observed of one shape, for the baseline. Never blocks.</summary>
    public bool TryEnqueue(BaselineDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        return TryEnqueue(delta, 160 + (2L * (delta.Caller.Length + delta.Callee.Length + delta.Method.Length + delta.PathTemplate.Length)));
    }

    private bool TryEnqueue(object item, long bytes)
    {
        if (_stopping)
        {
            CountDrop(StoreDropReason.Stopped);
            return false;
        }

        // Reserve room first, give it back on failure: concurrent producers can never overshoot the bounds.
        if (Interlocked.Increment(ref _queuedItems) > _options.MaxQueuedItems)
        {
            Interlocked.Decrement(ref _queuedItems);
            CountDrop(_available ? StoreDropReason.QueueFull : StoreDropReason.StoreDown);
            return false;
        }

        if (Interlocked.Add(ref _queuedBytes, bytes) > _options.MaxQueuedBytes)
        {
            Interlocked.Add(ref _queuedBytes, -bytes);
            Interlocked.Decrement(ref _queuedItems);
            CountDrop(_available ? StoreDropReason.QueueFull : StoreDropReason.StoreDown);
            return false;
        }

        Interlocked.Increment(ref _accepted);
        if (!_channel.Writer.TryWrite(new QueuedItem(item, bytes)))
        {
            Release(bytes, finished: 1);
            CountDrop(StoreDropReason.Stopped);
            return false;
        }

        return true;
    }

    /// <summary>Waits until everything queued before this call is written or dropped.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_writerTask is null)
        {
            throw new InvalidOperationException("The writer is not started.");
        }

        var target = Interlocked.Read(ref _accepted);
        while (Interlocked.Read(ref _finished) < target)
        {
            if (_writerTask.IsCompleted)
            {
                return;
            }

            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The counters now.</summary>
    public StoreWriterStats GetStats()
    {
        var dropped = new Dictionary<StoreDropReason, long>();
        foreach (var reason in Enum.GetValues<StoreDropReason>())
        {
            dropped[reason] = Interlocked.Read(ref _dropped[(int)reason]);
        }

        return new StoreWriterStats(
            Interlocked.Read(ref _queuedItems),
            Interlocked.Read(ref _queuedBytes),
            Interlocked.Read(ref _alertsWritten),
            Interlocked.Read(ref _itemsWritten),
            Interlocked.Read(ref _batches),
            Interlocked.Read(ref _writeErrors),
            Interlocked.Read(ref _maintenanceErrors),
            _available,
            dropped);
    }

    /// <summary>Drops of one reason so far.</summary>
    public long GetDropped(StoreDropReason reason) => Interlocked.Read(ref _dropped[(int)reason]);

    /// <summary>Whether the last write (or initialization) succeeded.</summary>
    public bool StoreAvailable => _available;

    private void CountDrop(StoreDropReason reason, long count = 1) => Interlocked.Add(ref _dropped[(int)reason], count);

    private void Release(long bytes, long finished)
    {
        Interlocked.Add(ref _queuedBytes, -bytes);
        Interlocked.Add(ref _queuedItems, -finished);
        Interlocked.Add(ref _finished, finished);
    }

    /// <summary>Stops accepting, drains the queue for up to <see cref="StoreWriterOptions.DrainTimeout"/>, then stops; what is left counts as dropped.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return; // the host may stop it explicitly and the container dispose it again
        }

        _stopping = true;
        _channel.Writer.TryComplete();
        if (_writerTask is not null)
        {
            var drained = await Task.WhenAny(_writerTask, Task.Delay(_options.DrainTimeout, _time)).ConfigureAwait(false) == _writerTask;
            if (!drained)
            {
                Log.DrainIncomplete(_logger, Interlocked.Read(ref _queuedItems));
            }

            await _hardStop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(_writerTask, _maintenanceTask ?? Task.CompletedTask).ConfigureAwait(false);
        }

        // Whatever is still held was never written.
        var left = Interlocked.Read(ref _queuedItems);
        if (left > 0)
        {
            CountDrop(StoreDropReason.Stopped, left);
            Release(Interlocked.Read(ref _queuedBytes), left);
        }

        _hardStop.Dispose();
    }
}
