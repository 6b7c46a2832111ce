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
/// Runs inspections back to back: jobs wait in one queue, and a few dedicated drainer threads (one per processor the
/// process may use) each take job after job until the queue is empty, then sleep until an enqueue wakes one.
/// </summary>
/// <remarks>
/// <para>Why a queue: the rule set's tables and code do not fit in a core's private caches next to Kestrel's and YARP's.
/// When each request was inspected right after its own parsing and before its own forwarding, every verdict started
/// from caches that the proxy's other work had just filled, and the matcher runs at several times its in-cache cost
/// that way (bench/matcher-cost's <c>cold</c> mode: 7 µs warm, 18 µs after 2 MiB of other work, 88 µs from memory).
/// Measured on the load test's mesh GET: 136 → 105 µs of CPU per request with the queue (bench/README, session 9).
/// Under load, requests arrive faster than one verdict takes, so a drainer finds several queued and judges them with
/// the matcher's working set in cache; the forwards, resumed on the thread pool afterwards, run back to back in the
/// same way.</para>
/// <para>Why threads of its own rather than thread-pool work items: a drainer started as a work item waited for its
/// turn behind the socket completions and forwards already queued on the pool, and every batch paid for a work item.
/// Dedicated threads used less CPU per request in four of four alternated load runs (84–101 against 99–139 µs,
/// bench/README, session 10). A drainer that finds the queue empty sleeps on a semaphore; an enqueue wakes one
/// sleeper, if any (<see cref="WakeOne"/>).</para>
/// <para>The cost of batching is head-of-line blocking: a verdict that hangs (a pathological payload, a slow first
/// build of a pattern) holds up every request queued behind its drainer. So the inline inspector's watchdog, at each
/// tick, starts one more drainer (a thread-pool work item, past the per-processor threads) whenever jobs are queued
/// and no drainer has finished one for longer than a tick (<see cref="RescueStalledQueue"/>); such extra drainers stop
/// when the queue is empty. A queue that is long but moving (overload) gets no extra drainer: more threads would not
/// judge faster, only take turns on the same cores and lose the warm caches. The number of inspections in progress
/// stays bounded by <c>--inspect-concurrency</c> (<see cref="InlineInspector"/>).</para>
/// </remarks>
internal sealed class InspectionQueue : IDisposable
{
    private readonly ConcurrentQueue<IQueuedInspection> _jobs = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Thread[] _threads;
    private readonly Action<int>? _onBatch;
    private readonly Action? _onDrainerAdded;

    // Dedicated drainers counted as asleep (about to wait on _wake, or waiting). A drainer adds itself before it looks
    // at the queue a last time; only a waker, which then releases _wake once, or that drainer itself, if the last look
    // found a job, takes one off. Releases are fungible, so any sleeper may take any release: at every moment exactly
    // _sleepers drainers wait, or will, with no release owed to them.
    private int _sleepers;
    private int _extraDrainers;
    private long _lastProgress = Stopwatch.GetTimestamp();
    private volatile bool _disposed;

    /// <param name="drainerLimit">Dedicated drainer threads (one per processor the process may use).</param>
    /// <param name="onBatch">Told how many jobs a drainer ran back to back before the queue was empty.</param>
    /// <param name="onDrainerAdded">Told when <see cref="RescueStalledQueue"/> starts a drainer.</param>
    public InspectionQueue(int drainerLimit, Action<int>? onBatch = null, Action? onDrainerAdded = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(drainerLimit, 1);
        _onBatch = onBatch;
        _onDrainerAdded = onDrainerAdded;
        _threads = new Thread[drainerLimit];
        for (int i = 0; i < _threads.Length; i++)
        {
            // Background: a drainer never keeps the process alive; on shutdown the inspector waits for running
            // inspections itself (InlineInspector.DrainAsync).
            _threads[i] = new Thread(static self => ((InspectionQueue)self!).DrainUntilDisposed())
            {
                IsBackground = true,
                Name = $"ewids inspection {i + 1}",
            };
            _threads[i].Start(this);
        }
    }

    /// <summary>Drainers now awake: dedicated ones not asleep, plus extra ones (for tests; a drainer being woken counts).</summary>
    public int Drainers => _threads.Length - Volatile.Read(ref _sleepers) + Volatile.Read(ref _extraDrainers);

    public void Enqueue(IQueuedInspection job)
    {
        job.Queued = Stopwatch.GetTimestamp();
        _jobs.Enqueue(job);

        // The enqueue's store must be visible before _sleepers is read (x86 may otherwise load first): then either this
        // read sees a drainer that went to sleep, or that drainer's last look, after counting itself, sees the job.
        Interlocked.MemoryBarrier();
        WakeOne();
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
            ThreadPool.UnsafeQueueUserWorkItem(
                static self =>
                {
                    self.DrainAvailable();
                    Interlocked.Decrement(ref self._extraDrainers);
                },
                this,
                preferLocal: false);
        }
    }

    /// <summary>Lets the dedicated drainers end once they are idle (jobs still queued are not run).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _wake.Release(_threads.Length);
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

    /// <summary>Takes one sleeper off the count, if there is one; true when it did.</summary>
    private static bool TryTakeOne(ref int sleepers)
    {
        int seen = Volatile.Read(ref sleepers);
        while (seen > 0)
        {
            int before = Interlocked.CompareExchange(ref sleepers, seen - 1, seen);
            if (before == seen)
            {
                return true;
            }

            seen = before;
        }

        return false;
    }

    private void WakeOne()
    {
        if (TryTakeOne(ref _sleepers))
        {
            _wake.Release();
        }
    }

    private void DrainUntilDisposed()
    {
        while (!_disposed)
        {
            DrainAvailable();

            Interlocked.Increment(ref _sleepers);

            // The last look, after counting itself asleep: a job enqueued before the count was visible woke nobody. If
            // one is there and no waker took the count off meanwhile, this drainer takes it off itself and goes on.
            if (!_jobs.IsEmpty && TryTakeOne(ref _sleepers))
            {
                continue;
            }

            _wake.Wait();
        }
    }

    private void DrainAvailable()
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
    }
}
