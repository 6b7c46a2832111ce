using System.Collections.Concurrent;
using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Engine.Signatures;

/// <summary>
/// Suricata's thresholding for rules with <c>threshold</c> or <c>detection_filter</c>: per rule and track key (the
/// caller, the callee, both, or the rule alone) a window of <c>seconds</c> opens at the first match and counts
/// matches; the rule's type says which of them alert (<see cref="ThresholdType"/>). Shared by every worker of a
/// pipeline, so it is thread-safe; a window is locked only while one match is counted.
/// </summary>
/// <remarks>
/// Windows run on the request's receive time, so <c>ewids scan</c> over a recording counts as the traffic happened,
/// not as fast as it is read. At most <see cref="MaxTracked"/> windows are kept: when full, expired windows are swept
/// (at most once per second of request time), and a match of a key that still finds no room alerts, so a flood of
/// distinct callers can cost more alerts but never hide one.
/// </remarks>
public sealed class AlertThresholds
{
    /// <summary>Windows kept at most (one per rule and track key).</summary>
    public const int MaxTracked = 65_536;

    private readonly ConcurrentDictionary<(int Sid, string Key), Window> _windows = new();
    private readonly int _maxTracked;
    private int _tracked; // ConcurrentDictionary.Count takes every lock; this is kept alongside
    private long _lastSweepTicks;

    /// <summary>Creates the thresholds of one pipeline.</summary>
    public AlertThresholds()
        : this(MaxTracked)
    {
    }

    /// <summary>With a smaller bound (tests).</summary>
    internal AlertThresholds(int maxTracked) => _maxTracked = maxTracked;

    /// <summary>Windows currently kept.</summary>
    public int Tracked => Volatile.Read(ref _tracked);

    /// <summary>True when this match of rule <paramref name="sid"/> (with <paramref name="threshold"/>) for track key <paramref name="key"/> at <paramref name="at"/> raises an alert.</summary>
    public bool Alerts(ThresholdOption threshold, int sid, string key, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        if (!_windows.TryGetValue((sid, key), out Window? window))
        {
            if (Tracked >= _maxTracked && !SweptRoom(at))
            {
                return true;
            }

            var fresh = new Window();
            if (_windows.TryAdd((sid, key), fresh))
            {
                Interlocked.Increment(ref _tracked);
                window = fresh;
            }
            else if (!_windows.TryGetValue((sid, key), out window))
            {
                return true; // added and swept away meanwhile: count this one as a new key that found no room
            }
        }

        lock (window)
        {
            return window.Count(threshold, at.Ticks);
        }
    }

    /// <summary>The track key of a match: who its matches are counted with.</summary>
    public static string Key(ThresholdTrack track, ReadOnlySpan<byte> caller, System.Net.IPAddress? callerAddress, ReadOnlySpan<byte> callee)
    {
        string source = caller.IsEmpty ? callerAddress?.ToString() ?? "" : System.Text.Encoding.UTF8.GetString(caller);
        return track switch
        {
            ThresholdTrack.BySource => source,
            ThresholdTrack.ByDestination => System.Text.Encoding.UTF8.GetString(callee),
            ThresholdTrack.ByBoth => source + " -> " + System.Text.Encoding.UTF8.GetString(callee),
            _ => "",
        };
    }

    /// <summary>Removes expired windows (at most once per second of request time); true when there is room after.</summary>
    private bool SweptRoom(DateTime at)
    {
        long last = Interlocked.Read(ref _lastSweepTicks);
        if (at.Ticks - last >= TimeSpan.TicksPerSecond && Interlocked.CompareExchange(ref _lastSweepTicks, at.Ticks, last) == last)
        {
            foreach (KeyValuePair<(int Sid, string Key), Window> entry in _windows)
            {
                if (entry.Value.ExpiredAt(at.Ticks) && _windows.TryRemove(entry))
                {
                    Interlocked.Decrement(ref _tracked);
                }
            }
        }

        return Tracked < _maxTracked;
    }

    private sealed class Window
    {
        private long _start;
        private long _end = long.MinValue;
        private int _matches;

        public bool ExpiredAt(long now)
        {
            lock (this)
            {
                return now >= _end;
            }
        }

        /// <summary>Counts one match at <paramref name="now"/>; true when it alerts.</summary>
        public bool Count(ThresholdOption threshold, long now)
        {
            // A new window at the first match, when the last one ended, or when time went backwards (a recording
            // replayed out of order): Suricata's windows start at the first match they count too.
            if (now >= _end || now < _start)
            {
                _start = now;
                _end = now + threshold.Seconds * TimeSpan.TicksPerSecond;
                _matches = 0;
            }

            _matches++;
            return threshold.Type switch
            {
                ThresholdType.Limit => _matches <= threshold.Count,
                ThresholdType.Threshold => _matches % threshold.Count == 0,
                ThresholdType.Both => _matches == threshold.Count,
                _ => _matches > threshold.Count, // detection_filter: every match after the first count
            };
        }
    }
}
