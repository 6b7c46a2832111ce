using System.Threading.Channels;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Telemetry;
using Microsoft.Extensions.Logging;

namespace EastWestIds.Engine.Analysis;

/// <summary>
/// Hands framed requests from connections to analysis workers, so analysis never delays the answer to the
/// caller (a slow sink makes mirrors pile up in every caller's sidecar: DESIGN.md). The queue is bounded:
/// when it is full the request is shed from analysis and counted (<c>eastwestids_analysis_shed_total</c>) and
/// a summary is logged, never dropped silently. On stop, what is queued is still analysed.
/// </summary>
public sealed partial class AnalysisQueue : IAsyncDisposable
{
    private static readonly TimeSpan ShedLogInterval = TimeSpan.FromSeconds(10);

    private readonly Channel<MirroredRequest> _channel;
    private readonly InspectionPipeline _pipeline;
    private readonly MirroredRequestPool _pool;
    private readonly IdsMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Task[] _workers;

    /// <summary>How long a busy worker sleeps between drains of the queue.</summary>
    private const int PollMilliseconds = 1;

    /// <summary>Empty polls in a row after which a worker blocks until the next request instead.</summary>
    private const int IdlePollsBeforeBlocking = 20;
    private readonly Timer _shedLogTimer;
    private readonly long _maxQueuedBytes;
    private int _depth;
    private long _queuedBytes;
    private long _shedSinceLog;
    private volatile bool _stopping;

    public AnalysisQueue(InspectionPipeline pipeline, MirroredRequestPool pool, IdsMetrics metrics, ILogger logger, int capacity, int workers, long maxQueuedBytes = 64L * 1024 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxQueuedBytes, 1);
        _maxQueuedBytes = maxQueuedBytes;
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _pipeline = pipeline;
        _pool = pool;
        _metrics = metrics;
        _logger = logger;
        _channel = Channel.CreateBounded<MirroredRequest>(new BoundedChannelOptions(capacity)
        {
            SingleReader = workers == 1,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait, // only TryWrite is used: "full" means shed, never wait
            AllowSynchronousContinuations = false,
        });
        _workers = new Task[workers];
        for (var i = 0; i < workers; i++)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _workers[i] = done.Task;
            new Thread(RunWorker) { IsBackground = true, Name = $"ewids-analysis-{i}" }.Start(done);
        }

        _shedLogTimer = new Timer(_ => LogShed(), null, ShedLogInterval, ShedLogInterval);
    }

    /// <summary>The pool requests come from and go back to.</summary>
    public MirroredRequestPool Pool => _pool;

    /// <summary>Requests waiting.</summary>
    public int Depth => Volatile.Read(ref _depth);

    /// <summary>Queues a request for analysis; it belongs to the queue afterwards, analysed or shed.</summary>
    public void Submit(MirroredRequest request)
    {
        _metrics.RequestReceived(request.Ingest, request.Version);
        var bytes = request.CapturedBytes;
        ShedReason reason;
        if (Interlocked.Add(ref _queuedBytes, bytes) > _maxQueuedBytes && Volatile.Read(ref _depth) > 0)
        {
            // Bounded by bytes as well as by count: a burst of 64 KiB bodies must not queue gigabytes.
            reason = ShedReason.QueueMemoryFull;
        }
        else if (_channel.Writer.TryWrite(request))
        {
            Interlocked.Increment(ref _depth);
            return;
        }
        else
        {
            reason = _stopping ? ShedReason.ShuttingDown : ShedReason.QueueFull;
        }

        Interlocked.Add(ref _queuedBytes, -bytes);
        _metrics.RequestShed(reason);
        Interlocked.Increment(ref _shedSinceLog);
        _pool.Return(request);
    }

    /// <summary>
    /// One analysis worker, on its own thread. While traffic flows it drains the queue, sleeps a millisecond and
    /// drains again, instead of being woken for each request: with a wake-up per request the sink spent more
    /// than one context switch per mirrored request (measured with bench/load), which cost more CPU than the
    /// analysis itself. When the queue stays empty for a while the worker blocks until the next request, so an
    /// idle sink does not poll. Analysis lags arrival by about a millisecond; the answer to the caller never waits.
    /// </summary>
    private void RunWorker(object? completion)
    {
        var done = (TaskCompletionSource)completion!;
        try
        {
            var state = _pipeline.CreateWorkerState();
            var reader = _channel.Reader;
            var idlePolls = 0;
            while (true)
            {
                if (reader.TryRead(out var request))
                {
                    idlePolls = 0;
                    state = Analyse(request, state);
                    continue;
                }

                _metrics.QueueDepthChanged(Volatile.Read(ref _depth));
                if (reader.Completion.IsCompleted)
                {
                    return;
                }

                if (idlePolls < IdlePollsBeforeBlocking)
                {
                    idlePolls++;
                    Thread.Sleep(PollMilliseconds);
                    continue;
                }

                var wait = reader.WaitToReadAsync();
                var more = wait.IsCompleted ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
                if (!more)
                {
                    return;
                }

                idlePolls = 0;
            }
        }
        finally
        {
            done.SetResult();
        }
    }

    private InspectionPipeline.WorkerState Analyse(MirroredRequest request, InspectionPipeline.WorkerState state)
    {
        Interlocked.Decrement(ref _depth);
        Interlocked.Add(ref _queuedBytes, -request.CapturedBytes);
        try
        {
            _pipeline.Inspect(request, state);
            return state;
        }
        catch (Exception ex)
        {
            // A bug in a stage must not take the worker down with it; the request is counted as failed.
            _metrics.RequestShed(ShedReason.AnalysisFailed);
            Log.AnalysisFailed(_logger, ex);
            return _pipeline.CreateWorkerState();
        }
        finally
        {
            _pool.Return(request);
        }
    }

    private void LogShed()
    {
        var shed = Interlocked.Exchange(ref _shedSinceLog, 0);
        if (shed > 0)
        {
            Log.Shed(_logger, shed, ShedLogInterval.TotalSeconds);
        }
    }

    /// <summary>Stops taking requests and analyses what is already queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        _channel.Writer.TryComplete();
        await Task.WhenAll(_workers).ConfigureAwait(false);
        await _shedLogTimer.DisposeAsync().ConfigureAwait(false);
        LogShed();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, EventName = "AnalysisShed", Level = LogLevel.Warning,
            Message = "{Count} requests were received but not analysed in the last {Seconds}s: the analysis queue was full, by count or by memory (eastwestids_analysis_shed_total)")]
        public static partial void Shed(ILogger logger, long count, double seconds);

        [LoggerMessage(EventId = 301, EventName = "AnalysisFailed", Level = LogLevel.Error, Message = "Analysis of a request failed")]
        public static partial void AnalysisFailed(ILogger logger, Exception exception);
    }
}
