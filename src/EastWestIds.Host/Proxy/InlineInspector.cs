using System.Collections.Concurrent;
using System.Diagnostics;
using EastWestIds.Core.Findings;
using EastWestIds.Engine.Inspection;
using EastWestIds.Storage.Model;
using Microsoft.Extensions.Logging;

namespace EastWestIds.Host.Proxy;

/// <summary>
/// Runs the shared <see cref="InspectionPipeline"/> for the proxy and turns its findings into a verdict.
/// </summary>
/// <remarks>
/// Inspections run off the request's own flow, for two reasons. A request must be able to stop waiting: a stage
/// that hangs (a pathological payload, a bug) cannot be interrupted, but the request waiting for it can give up
/// after <c>--inspect-timeout</c> and be answered per <c>--on-engine-failure</c>, while the stuck inspection still
/// owns (and later returns) its pooled request and worker state. And inspections are cheaper back to back than
/// interleaved with the proxy's other work (<see cref="InspectionQueue"/> says why and by how much). Past
/// <c>--inspect-concurrency</c> inspections in progress the engine counts as overloaded instead of queueing without
/// bound. The timeout is kept by one <see cref="VerdictWatchdog"/> for all waiting requests, not by a timer per
/// request; the same watchdog keeps the queue moving when a verdict hangs.
/// </remarks>
internal sealed partial class InlineInspector : IDisposable
{
    private readonly InspectionPipeline _pipeline;
    private readonly BlockRule _rule;
    private readonly int _concurrency;
    private readonly ProxyMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Action<MirroredRequest>? _beforeInspect;
    private readonly EngineFailureMode _onEngineFailure;
    private readonly ConcurrentQueue<InspectionPipeline.WorkerState> _states = new();
    private readonly InspectionQueue _queue;
    private readonly VerdictWatchdog _watchdog;
    private int _running;

    public InlineInspector(
        InspectionPipeline pipeline,
        MirroredRequestPool pool,
        BlockRule rule,
        TimeSpan timeout,
        int concurrency,
        ProxyMetrics metrics,
        ILogger logger,
        Action<MirroredRequest>? beforeInspect = null,
        EngineFailureMode onEngineFailure = EngineFailureMode.Open)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _pipeline = pipeline;
        Pool = pool;
        _rule = rule;
        _concurrency = concurrency;
        _metrics = metrics;
        _logger = logger;
        _beforeInspect = beforeInspect;
        _onEngineFailure = onEngineFailure;
        _queue = new InspectionQueue(Environment.ProcessorCount, metrics.InspectionBatch, metrics.InspectionWorkerAdded);
        _watchdog = new VerdictWatchdog(timeout, _queue, concurrency);
    }

    /// <summary>Where requests come from; every request handed to this inspector goes back here.</summary>
    public MirroredRequestPool Pool { get; }

    /// <summary>
    /// Inspects <paramref name="request"/> (which now belongs to the inspector) and waits for the verdict, at most
    /// <c>--inspect-timeout</c> (plus the watchdog's tick): then <see cref="EngineFailureReason.Timeout"/>, unless the
    /// verdict was fixed first and only its output is still being written, in which case it stands.
    /// </summary>
    /// <remarks>Not an async method: the job's task is the verdict, completed by whichever of the inspecting thread and
    /// the watchdog comes first, so waiting costs no state machine and no timer of its own.</remarks>
    public ValueTask<InlineVerdict> InspectAsync(MirroredRequest request)
    {
        if (!TryStart(request, JobKind.Awaited, out var job))
        {
            return new ValueTask<InlineVerdict>(InlineVerdict.Failed(EngineFailureReason.Overload));
        }

        return new ValueTask<InlineVerdict>(job.Task);
    }

    /// <summary>
    /// Runs the canned requests of <see cref="InspectionWarmUp"/> through worker states made for this inspector, one per
    /// processor, which it then keeps: the first real requests find the inspection code compiled and their matchers
    /// built. Before <c>/readyz</c> of enforce mode (<see cref="ProxyWarmGate"/>).
    /// </summary>
    public InspectionWarmUpResult WarmUp(int rounds, CancellationToken cancellationToken)
    {
        var states = new InspectionPipeline.WorkerState[Environment.ProcessorCount];
        for (int i = 0; i < states.Length; i++)
        {
            states[i] = _pipeline.CreateWorkerState();
        }

        var result = InspectionWarmUp.Run(_pipeline.Options, _pipeline.Signatures, IngestKind.Inline, rounds, states, cancellationToken);
        foreach (var state in states)
        {
            _states.Enqueue(state);
        }

        return result;
    }

    /// <summary>Stops the watchdog and the queue's drainer threads (after <see cref="DrainAsync"/> on shutdown).</summary>
    public void Dispose()
    {
        _watchdog.Dispose();
        _queue.Dispose();
    }

    /// <summary>Monitor mode: inspects off the request path; the verdict is only counted.</summary>
    public void InspectInBackground(MirroredRequest request, bool countOutcome)
    {
        if (!TryStart(request, countOutcome ? JobKind.Observed : JobKind.Unforwarded, out var job))
        {
            if (countOutcome)
            {
                _metrics.EngineFailed(ProxyMode.Monitor, EngineFailureReason.Overload);
                _metrics.Outcome(ProxyMode.Monitor, ProxyOutcome.FailedOpen);
            }

            return;
        }

        if (countOutcome)
        {
            job.Task.ContinueWith(
                static (task, state) =>
                {
                    var metrics = (ProxyMetrics)state!;
                    var verdict = task.Result;
                    if (verdict.Kind == InlineVerdictKind.EngineFailed)
                    {
                        metrics.EngineFailed(ProxyMode.Monitor, verdict.FailureReason);
                    }

                    metrics.Outcome(ProxyMode.Monitor, verdict.Kind switch
                    {
                        InlineVerdictKind.Block => ProxyOutcome.WouldBlock,
                        InlineVerdictKind.EngineFailed => ProxyOutcome.FailedOpen,
                        _ => ProxyOutcome.Forwarded,
                    });
                },
                _metrics,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    /// <summary>Waits, up to <paramref name="timeout"/>, for running inspections: on shutdown their alerts must reach the
    /// output before it is flushed and closed (a hung one is given up on).</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Volatile.Read(ref _running) > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    private bool TryStart(MirroredRequest request, JobKind kind, out InspectionJob job)
    {
        if (Interlocked.Increment(ref _running) > _concurrency)
        {
            Interlocked.Decrement(ref _running);
            Pool.Return(request);
            job = null!;
            return false;
        }

        job = new InspectionJob(this, request, kind);
        if (kind == JobKind.Awaited)
        {
            _watchdog.Watch(job);
        }

        _queue.Enqueue(job);
        return true;
    }

    private InlineVerdict Run(InspectionJob job, MirroredRequest request)
    {
        if (!_states.TryDequeue(out var state))
        {
            state = _pipeline.CreateWorkerState();
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            _beforeInspect?.Invoke(request);
            job.Context = state.Context;
            t_current = job;
            _pipeline.Inspect(request, state);
            job.TryDecide(state.Context.Findings); // no alert fixed it earlier: fixed now
            _states.Enqueue(state);
            return job.Verdict;
        }
        catch (Exception ex)
        {
            // A failing stage must not take the proxy with it. Its worker state may be half-written: dropped, not reused.
            Log.InspectionFailed(_logger, ex);
            return InlineVerdict.Failed(EngineFailureReason.Exception);
        }
        finally
        {
            t_current = null;
            _metrics.Inspected(Stopwatch.GetElapsedTime(started).TotalSeconds);
            Pool.Return(request);
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>One inspection, queued for a drainer of <see cref="InspectionQueue"/>; completes its task with the verdict.</summary>
    private sealed partial class InspectionJob(InlineInspector owner, MirroredRequest request, JobKind kind) : IQueuedInspection
    {
        // Continuations run on the thread pool, not on the drainer: a drainer that went on to forward the request
        // would interleave the proxy's work with the inspections again, which is what the queue is there to avoid.
        // Measured alone (without the queue), this took the proxy from 166-193 to 136 us of CPU per request
        // (bench/README, session 9); why the synchronous continuation cost that much is not explained.
        private readonly TaskCompletionSource<InlineVerdict> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly InlineInspector _owner = owner;
        private readonly JobKind _kind = kind;

        public Task<InlineVerdict> Task => _completion.Task;

        /// <summary>When the waiting request gives up (<see cref="Stopwatch"/> ticks; set for awaited jobs only).</summary>
        public long Deadline { get; set; }

        /// <summary>When the job entered the queue (<see cref="Stopwatch"/> ticks).</summary>
        public long Queued { get; set; }

        // TrySetResult: the watchdog may have answered the request already.
        public void Execute() => _completion.TrySetResult(_owner.Run(this, request));

        /// <summary>Watchdog, past the deadline: the request stops waiting. It gives up unless the verdict was fixed first
        /// (only its output still being written); then that verdict stands.</summary>
        public void TimeOut() => _completion.TrySetResult(TryAbandon() ? InlineVerdict.Failed(EngineFailureReason.Timeout) : Verdict);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 510, EventName = "InlineInspectionFailed", Level = LogLevel.Error, Message = "Inspection of a proxied request failed; handled per --on-engine-failure")]
        public static partial void InspectionFailed(ILogger logger, Exception exception);
    }
}
