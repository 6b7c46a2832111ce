using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text;
using EastWestIds.Storage.Model;

namespace EastWestIds.Storage.Sql;

/// <summary>
/// The suppressions in memory, for the hot path's <see cref="IAlertStore.IsSuppressed(int, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>:
/// an immutable snapshot keyed by sid (most sids have no suppression, so the usual answer is one failed lookup),
/// swapped whole when the database copy changes. Caller and callee are kept as UTF-8 too so the byte overload
/// compares without decoding or allocating. Hit counters live outside the snapshots, per suppression id, so a swap
/// never loses hits counted meanwhile.
/// </summary>
internal sealed class SuppressionCache(TimeProvider time)
{
    private sealed class Counter
    {
        public long Pending;
    }

    private sealed record Entry(long Id, string Caller, string Callee, byte[] CallerUtf8, byte[] CalleeUtf8, Counter Counter);

    private readonly ConcurrentDictionary<long, Counter> _counters = new();
    private FrozenDictionary<int, Entry[]> _bySid = FrozenDictionary<int, Entry[]>.Empty;

    public int Count { get; private set; }

    public void Replace(IReadOnlyList<Suppression> suppressions)
    {
        var groups = new Dictionary<int, List<Entry>>();
        foreach (var s in suppressions)
        {
            var counter = _counters.GetOrAdd(s.Id, static _ => new Counter());
            if (!groups.TryGetValue(s.Sid, out var list))
            {
                list = [];
                groups[s.Sid] = list;
            }

            list.Add(new Entry(s.Id, s.Caller, s.Callee, Encoding.UTF8.GetBytes(s.Caller), Encoding.UTF8.GetBytes(s.Callee), counter));
        }

        var snapshot = new Dictionary<int, Entry[]>(groups.Count);
        foreach (var (sid, list) in groups)
        {
            snapshot[sid] = [.. list];
        }

        Volatile.Write(ref _bySid, snapshot.ToFrozenDictionary());
        Count = suppressions.Count;
    }

    public bool IsSuppressed(int sid, ReadOnlySpan<byte> caller, ReadOnlySpan<byte> callee)
    {
        if (!Volatile.Read(ref _bySid).TryGetValue(sid, out var entries))
        {
            return false;
        }

        foreach (var entry in entries)
        {
            if (caller.SequenceEqual(entry.CallerUtf8) && callee.SequenceEqual(entry.CalleeUtf8))
            {
                Hit(entry.Counter);
                return true;
            }
        }

        return false;
    }

    public bool IsSuppressed(int sid, string caller, string callee)
    {
        if (!Volatile.Read(ref _bySid).TryGetValue(sid, out var entries))
        {
            return false;
        }

        foreach (var entry in entries)
        {
            if (string.Equals(caller, entry.Caller, StringComparison.Ordinal) && string.Equals(callee, entry.Callee, StringComparison.Ordinal))
            {
                Hit(entry.Counter);
                return true;
            }
        }

        return false;
    }

    // No clock read per hit (on these VMs it costs more than the lookup): the last hit is stamped when hits are taken,
    // so it is exact to the writer's hit flush interval.
    private static void Hit(Counter counter) => Interlocked.Increment(ref counter.Pending);

    /// <summary>Hits since the last call, stamped with the time of this call; the counters restart from zero.</summary>
    public IReadOnlyList<SuppressionHits> TakeHits()
    {
        List<SuppressionHits>? hits = null;
        var now = time.GetUtcNow();
        foreach (var (id, counter) in _counters)
        {
            var pending = Interlocked.Exchange(ref counter.Pending, 0);
            if (pending > 0)
            {
                (hits ??= []).Add(new SuppressionHits(id, pending, now));
            }
        }

        return hits ?? (IReadOnlyList<SuppressionHits>)[];
    }

    /// <summary>Puts hits back that could not be written, so they are not lost.</summary>
    public void ReturnHits(IReadOnlyList<SuppressionHits> hits)
    {
        foreach (var hit in hits)
        {
            Interlocked.Add(ref _counters.GetOrAdd(hit.SuppressionId, static _ => new Counter()).Pending, hit.Hits);
        }
    }

    /// <summary>Drops the counter of a deleted suppression.</summary>
    public void Forget(long id) => _counters.TryRemove(id, out _);
}
