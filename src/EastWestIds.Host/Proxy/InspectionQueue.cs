using System.Collections.Concurrent;
using System.Diagnostics;

namespace EastWestIds.Host.Proxy;

/// <summary>One inspection waiting in an <see cref="InspectionQueue"/>.</summary>
internal interface IQueuedInspection
{
    /// <summary>When it entered the queue (<see cref="Stopwatch"/> ticks; set by the queue).</summary>
    long Queued { get; set; }

    /// <summary>Runs the inspection; must not throw (the inline inspector turns failures into verdicts).</summary>
    void Execute();
}

/// <summary>
/// Runs inspections back to back: jobs wait in one queue, and a few drainers (thread-pool work items, at most one per
/// processor the process may use) each take job after job until the queue is empty.
/// </summary>
/// <remarks>
/// <para>Why: the rule set's tables and code do not fit in a core's private caches next to Kestrel's and YARP's. When
/// each request was inspected right after its own parsing and before its own forwarding, every verdict started
/// from caches that the proxy's other work had just filled, and the matcher runs at several times its in-cache cost
/// that way (bench/matcher-cost's <c>cold</c> mode: 7 µs warm, 18 µs after 2 MiB of other work, 88 µs from memory).
/// Measured on the load test's mesh GET: 136 → 105 µs of CPU per request with the queue (continuations already on
/// the thread pool; bench/README, session 9). Under load, requests arrive faster than one verdict
/// takes, so a drainer finds several queued and judges them with the matcher's working set in cache; the
/// forwards, resumed on the thread pool afterwards, run back to back in the same way. Under light load the queue
/// holds one job: one work item per request as before, and one more hop, since the forward resumes on the
/// thread pool rather than on the drainer.</para>
/// <para>The cost of batching is head-of-line blocking: a verdict that hangs (a pathological payload, a slow first
/// build of a pattern) would hold up every request queued behind its drainer, where a work item per request held
/// up only itself. So the inline inspector's watchdog, at each tick, starts one more drainer, past the per-processor
/// limit, whenever jobs are queued and no drainer has finished one for longer than a tick
/// (<see cref="RescueStalledQueue"/>); the extra drainers stop when the queue is empty. A queue that is long but moving (overload) gets no extra drainer:
/// more threads would not judge faster, only take turns on the same cores and lose the warm caches. The number of
/// inspections in progress stays bounded by <c>--inspect-concurrency</c>, as before (<see cref="InlineInspector"/>).</para>
/// </remarks>
internal sealed class InspectionQueue
{
    private readonly ConcurrentQueue<IQueuedInspection> _jobs = new();
    private readonly int _drainerLimit;
    private readonly Action<int>? _onBatch;
    private readonly Action? _onDrainerAdded;
    private int _drainers;
    private int _extraDrainers;
    private long _lastProgress = Stopwatch.GetTimestamp();

    /// <param name="drainerLimit">Drainers started for queued jobs (one per processor the process may use).</param>
    /// <param name="onBatch">Told how many jobs a drainer ran back to back before the queue was empty.</param>
    /// <param name="onDrainerAdded">Told when <see cref="RescueStalledQueue"/> starts a drainer.</param>
    public InspectionQueue(int drainerLimit, Action<int>? onBatch = null, Action? onDrainerAdded = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(drainerLimit, 1);
        _drainerLimit = drainerLimit;
        _onBatch = onBatch;
        _onDrainerAdded = onDrainerAdded;
    }

    /// <summary>Drainers now running (for tests).</summary>
    public int Drainers => Volatile.Read(ref _drainers) + Volatile.Read(ref _extraDrainers);

    public void Enqueue(IQueuedInspection job)
    {
        job.Queued = Stopwatch.GetTimestamp();
        _jobs.Enqueue(job);

        // Enqueued before the check: either a drainer slot is taken here, or some drainer holds one and looks at
        // the queue again after giving it up (Drain), so no job is left without a drainer.
        if (Volatile.Read(ref _drainers) < _drainerLimit && TryTakeSlot(ref _drainers, _drainerLimit))
        {
            ThreadPool.UnsafeQueueUserWorkItem(static self => self.Drain(ref self._drainers, self._drainerLimit), this, preferLocal: false);
        }
    }

    /// <summary>
    /// Watchdog: when jobs wait and no drainer has finished one for more than <paramref name="patienceTicks"/>,
    /// every drainer is stuck in something slow; one more is started (at most <paramref name="limit"/> such at once)
    /// so that the queue moves again.
    /// </summary>
    public void RescueStalledQueue(long now, long patienceTicks, int limit)
    {
        if (_jobs.TryPeek(out var oldest) && now - oldest.Queued > patienceTicks && now - Volatile.Read(ref _lastProgress) > patienceTicks
            && TryTakeSlot(ref _extraDrainers, limit))
        {
            _onDrainerAdded?.Invoke();
            ThreadPool.UnsafeQueueUserWorkItem(static self => self.Drain(ref self._extraDrainers, int.MaxValue), this, preferLocal: false);
        }
    }

    private static bool TryTakeSlot(ref int count, int limit)
    {
        if (Interlocked.Increment(ref count) <= limit)
        {
            return true;
        }

        Interlocked.Decrement(ref count);
        return false;
    }

    private void Drain(ref int count, int limit)
    {
        while (true)
        {
            int batch = 0;
            while (_jobs.TryDequeue(out var job))
            {
                job.Execute();
                Volatile.Write(ref _lastProgress, Stopwatch.GetTimestamp());
                batch++;
            }

            if (batch > 0)
            {
                _onBatch?.Invoke(batch);
            }

            // Give the slot up, then look again: a job enqueued while the slot was still held found no free slot.
            Interlocked.Decrement(ref count);
            if (_jobs.IsEmpty || !TryTakeSlot(ref count, limit))
            {
                return;
            }
        }
    }
}
