using System.Collections.Concurrent;
using System.Diagnostics;

namespace EastWestIds.Host.Proxy;

internal sealed partial class InlineInspector
{
    /// <summary>
    /// Keeps <c>--inspect-timeout</c> for every waiting request with one timer, instead of a timer (and a wait task)
    /// per request: <c>Task.WaitAsync(timeout)</c> was a timer-queue insert and removal, a promise and its continuation
    /// on every proxied request.
    /// </summary>
    /// <remarks>
    /// Every awaited job gets the same timeout, so jobs enter the queue in the order of their deadlines. Each tick pops
    /// jobs from the head: finished ones are dropped, expired ones are timed out, and the first job still inside its
    /// time stops the pass. So the queue holds at most the jobs of one timeout's worth of requests, and a request gives
    /// up between <c>--inspect-timeout</c> and that plus one tick (a quarter of the timeout, within 1–250 ms). A timed
    /// out request continues on a thread-pool thread of its own, so that one forward cannot hold up the others. Each
    /// tick also lets the <see cref="InspectionQueue"/> start a drainer when jobs are queued and none has finished for
    /// a tick.
    /// </remarks>
    private sealed class VerdictWatchdog : IDisposable
    {
        private readonly ConcurrentQueue<InspectionJob> _waiting = new();
        private readonly long _timeoutTicks;
        private readonly long _periodTicks;
        private readonly InspectionQueue _queue;
        private readonly int _extraDrainerLimit;
        private readonly Timer _timer;
        private int _ticking;

        public VerdictWatchdog(TimeSpan timeout, InspectionQueue queue, int extraDrainerLimit)
        {
            _timeoutTicks = (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            _queue = queue;
            _extraDrainerLimit = extraDrainerLimit;
            var period = TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 4, TimeSpan.TicksPerMillisecond, 250 * TimeSpan.TicksPerMillisecond));
            _periodTicks = (long)(period.TotalSeconds * Stopwatch.Frequency);
            _timer = new Timer(static state => ((VerdictWatchdog)state!).Tick(), this, period, period);
        }

        /// <summary>Starts the clock for <paramref name="job"/>, whose request now waits for its verdict.</summary>
        public void Watch(InspectionJob job)
        {
            job.Deadline = Stopwatch.GetTimestamp() + _timeoutTicks;
            _waiting.Enqueue(job);
        }

        public void Dispose() => _timer.Dispose();

        private void Tick()
        {
            // A tick that overran its period (a starved thread pool) must not run twice at once.
            if (Interlocked.Exchange(ref _ticking, 1) != 0)
            {
                return;
            }

            try
            {
                var now = Stopwatch.GetTimestamp();
                _queue.RescueStalledQueue(now, _periodTicks, _extraDrainerLimit);
                while (_waiting.TryPeek(out var job))
                {
                    if (!job.Task.IsCompleted && job.Deadline > now)
                    {
                        break;
                    }

                    _waiting.TryDequeue(out _);
                    if (!job.Task.IsCompleted)
                    {
                        ThreadPool.UnsafeQueueUserWorkItem(static job => job.TimeOut(), job, preferLocal: false);
                    }
                }
            }
            finally
            {
                Volatile.Write(ref _ticking, 0);
            }
        }
    }
}
