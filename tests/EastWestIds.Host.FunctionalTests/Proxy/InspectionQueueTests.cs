using System.Collections.Concurrent;
using System.Diagnostics;
using EastWestIds.Host.Proxy;

namespace EastWestIds.Host.FunctionalTests.Proxy;

/// <summary>
/// The inline proxy's queue of inspections: every job runs exactly once however enqueues and drainers interleave, jobs
/// queued behind a busy drainer run back to back on it (a thread of the queue's own), an enqueue wakes a sleeping
/// drainer when the others are busy, and a stalled queue gets another drainer only when nothing has finished for the
/// watchdog's patience.
/// </summary>
public sealed class InspectionQueueTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task EveryJob_RunsExactlyOnce_WhileFourThreadsEnqueue()
    {
        // A drainer counts itself asleep and then looks at the queue a last time; an enqueue that read the count just
        // before relies on that last look. If it were missing, the last jobs would stay queued with every drainer asleep.
        const int Threads = 4, PerThread = 25_000;
        var runs = new int[Threads * PerThread];
        int done = 0;
        using var queue = new InspectionQueue(drainerLimit: 2);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                int id = t * PerThread + i;
                queue.Enqueue(new Job(() =>
                {
                    Interlocked.Increment(ref runs[id]);
                    if (Interlocked.Increment(ref done) == runs.Length)
                    {
                        finished.SetResult();
                    }
                }));
            }
        })));

        await finished.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(runs, count => Assert.Equal(1, count));
        Assert.True(SpinWait.SpinUntil(() => queue.Drainers == 0, TimeSpan.FromSeconds(10)), "drainers still awake with the queue empty");
    }

    [Fact]
    public void JobEnqueuedAsTheDrainerFallsAsleep_StillRuns()
    {
        // The race behind the drainer's last look, provoked on purpose: each job is enqueued the moment the previous
        // one has run, while its drainer is between its last empty dequeue and counting itself asleep, so the enqueue
        // finds no sleeper to wake. Without the last look such a job would wait for the next enqueue, which never comes
        // here.
        using var queue = new InspectionQueue(drainerLimit: 1);
        int done = 0;
        for (int round = 1; round <= 20_000; round++)
        {
            queue.Enqueue(new Job(() => Interlocked.Increment(ref done)));
            int expected = round;
            Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref done) == expected, TimeSpan.FromSeconds(5)), $"job {round} never ran");
        }
    }

    [Fact]
    public async Task JobsQueuedBehindABusyDrainer_RunBackToBackOnIt_InOrder()
    {
        using var gate = new ManualResetEventSlim(false);
        var batches = new ConcurrentQueue<int>();
        using var queue = new InspectionQueue(drainerLimit: 1, onBatch: batches.Enqueue);
        var threads = new ConcurrentQueue<(int Job, Thread Thread)>();
        var last = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var started = new ManualResetEventSlim(false);

        queue.Enqueue(new Job(() =>
        {
            threads.Enqueue((0, Thread.CurrentThread));
            started.Set();
            gate.Wait(TimeSpan.FromSeconds(30));
        }));
        Assert.True(started.Wait(TimeSpan.FromSeconds(10)), "the first job never started");
        for (int i = 1; i <= 10; i++)
        {
            int job = i;
            queue.Enqueue(new Job(() =>
            {
                threads.Enqueue((job, Thread.CurrentThread));
                if (job == 10)
                {
                    last.SetResult();
                }
            }));
        }

        gate.Set();
        await last.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(Enumerable.Range(0, 11), threads.Select(t => t.Job));
        var drainer = Assert.Single(threads.Select(t => t.Thread).Distinct());
        Assert.False(drainer.IsThreadPoolThread);
        Assert.True(SpinWait.SpinUntil(() => !batches.IsEmpty, TimeSpan.FromSeconds(10)));
        Assert.Equal(11, batches.Sum());
        Assert.Equal(11, Assert.Single(batches));
    }

    [Fact]
    public async Task StalledQueue_GetsAnotherDrainer_OnlyWhenNothingFinishedForThePatience()
    {
        using var gate = new ManualResetEventSlim(false);
        using var started = new ManualResetEventSlim(false);
        int added = 0;
        using var queue = new InspectionQueue(drainerLimit: 1, onDrainerAdded: () => Interlocked.Increment(ref added));
        var behind = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long patience = (long)(Patience.TotalSeconds * Stopwatch.Frequency);

        queue.Enqueue(new Job(() =>
        {
            started.Set();
            gate.Wait(TimeSpan.FromSeconds(30));
        }));
        Assert.True(started.Wait(TimeSpan.FromSeconds(10)), "the first job never started");
        queue.Enqueue(new Job(behind.SetResult));

        // within the patience: the stuck drainer is left alone, the job behind it waits
        queue.RescueStalledQueue(Stopwatch.GetTimestamp(), patience, limit: 4);
        await Task.Delay(200);
        Assert.False(behind.Task.IsCompleted);
        Assert.Equal(0, added);

        // nothing finished for longer than the patience: one more drainer runs the job behind
        queue.RescueStalledQueue(Stopwatch.GetTimestamp() + 2 * patience, patience, limit: 4);
        await behind.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, added);
        gate.Set();
    }

    [Fact]
    public async Task QueueThatWaitsButMoves_GetsNoExtraDrainer()
    {
        // Overload, not a stall: the oldest job has waited longer than the patience, but a job finished since. Another
        // drainer would only take turns with this one on the same cores.
        using var releaseFirst = new ManualResetEventSlim(false);
        using var releaseSecond = new ManualResetEventSlim(false);
        using var secondStarted = new ManualResetEventSlim(false);
        int added = 0;
        long firstFinished = 0;
        using var queue = new InspectionQueue(drainerLimit: 1, onDrainerAdded: () => Interlocked.Increment(ref added));
        var behind = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        queue.Enqueue(new Job(() =>
        {
            releaseFirst.Wait(TimeSpan.FromSeconds(30));
            Volatile.Write(ref firstFinished, Stopwatch.GetTimestamp());
        }));
        queue.Enqueue(new Job(() =>
        {
            secondStarted.Set();
            releaseSecond.Wait(TimeSpan.FromSeconds(30));
        }));
        queue.Enqueue(new Job(behind.SetResult));
        long behindQueued = Stopwatch.GetTimestamp();
        await Task.Delay(200);
        releaseFirst.Set(); // the first job finishes (progress); the drainer takes the second, which holds it
        Assert.True(secondStarted.Wait(TimeSpan.FromSeconds(10)), "the second job never started");

        long now = Stopwatch.GetTimestamp();
        long finished = Volatile.Read(ref firstFinished);
        long patience = now - behindQueued - ((finished - behindQueued) / 2); // waited longer than this; progress within it
        queue.RescueStalledQueue(now, patience, limit: 4);

        Assert.Equal(0, added);
        releaseSecond.Set();
        await behind.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task JobEnqueuedWhileOneDrainerIsBusy_IsRunByASleepingOne()
    {
        using var gate = new ManualResetEventSlim(false);
        using var started = new ManualResetEventSlim(false);
        using var queue = new InspectionQueue(drainerLimit: 2);
        Assert.True(SpinWait.SpinUntil(() => queue.Drainers == 0, TimeSpan.FromSeconds(10)), "the drainers never fell asleep");
        Thread? busy = null;
        queue.Enqueue(new Job(() =>
        {
            busy = Thread.CurrentThread;
            started.Set();
            gate.Wait(TimeSpan.FromSeconds(30));
        }));
        Assert.True(started.Wait(TimeSpan.FromSeconds(10)), "the first job never started");

        for (int i = 0; i < 100; i++)
        {
            var ran = new TaskCompletionSource<Thread>(TaskCreationOptions.RunContinuationsAsynchronously);
            queue.Enqueue(new Job(() => ran.SetResult(Thread.CurrentThread)));
            var thread = await ran.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.NotSame(busy, thread);
            Assert.False(thread.IsThreadPoolThread);
        }

        gate.Set();
    }

    [Fact]
    public void Dispose_EndsTheDrainerThreads()
    {
        var queue = new InspectionQueue(drainerLimit: 2);
        var threads = new ConcurrentBag<Thread>();
        using (var both = new Barrier(2))
        {
            // Two jobs that wait for each other: each holds a drainer, so both threads are seen.
            for (int i = 0; i < 2; i++)
            {
                queue.Enqueue(new Job(() =>
                {
                    threads.Add(Thread.CurrentThread);
                    both.SignalAndWait(TimeSpan.FromSeconds(10));
                }));
            }

            Assert.True(SpinWait.SpinUntil(() => threads.Count == 2, TimeSpan.FromSeconds(10)), "both drainers never ran");
            Assert.True(SpinWait.SpinUntil(() => queue.Drainers == 0, TimeSpan.FromSeconds(10)), "the drainers never fell asleep");
        }

        queue.Dispose();
        Assert.All(threads, thread => Assert.True(thread.Join(TimeSpan.FromSeconds(10)), $"{thread.Name} still running"));
    }

    private sealed class Job(Action run) : IQueuedInspection
    {
        public long Queued { get; set; }

        public void Execute() => run();
    }
}
