using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text;
using EastWestIds.Storage.Model;

namespace EastWestIds.Storage.Sql;

/// <summary>
/// The suppressions in memory, for the hot path's <see cref="IAlertStore.IsSuppressed(int, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>:
/// an immutable snapshot keyed by sid (most sids have no suppression, so the usual answer is one failed lookup),
/// swapped whole when the database copy changes. Caller and callee are kept as UTF-8 too so the byte overload
/// compares without decoding or allocating. The callee is a <see cref="CalleeKey"/> (the Service however the caller
/// spelled its host): both the stored side and the asked side are turned into one, so a suppression made from
/// <c>ratings.bookinfo</c> covers calls to <c>ratings</c> and <c>ratings.bookinfo.svc.cluster.local</c>. Hit counters live outside the snapshots, per suppression id, so a swap
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

            // Keys are canonical since migration 4; made canonical again here for rows an older replica may still write.
            var callee = CalleeKey.Of(s.Caller, s.Callee);
            list.Add(new Entry(s.Id, s.Caller, callee, Encoding.UTF8.GetBytes(s.Caller), Encoding.UTF8.GetBytes(callee), counter));
        }

        var snapshot = new Dictionary<int, Entry[]>(groups.Count);
        foreach (var (sid, list) in groups)
        {
            snapshot[sid] = [.. list];
        }

        Volatile.Write(ref _bySid, snapshot.ToFrozenDictionary());
        Count = suppressions.Count;
    }

    /// <summary>Whether <paramref name="sid"/> is suppressed from <paramref name="caller"/> to the host <paramref name="callee"/> as the caller used it.</summary>
    public bool IsSuppressed(int sid, ReadOnlySpan<byte> caller, ReadOnlySpan<byte> callee)
    {
        if (!Volatile.Read(ref _bySid).TryGetValue(sid, out var entries))
        {
            return false; // the usual answer, before any key is built
        }

        var max = CalleeKey.MaxLength(caller.Length, callee.Length);
        byte[]? rented = null;
        var buffer = max <= CalleeKey.StackLimit ? stackalloc byte[max] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var key = buffer[..CalleeKey.Write(caller, callee, buffer)];
            foreach (var entry in entries)
            {
                if (caller.SequenceEqual(entry.CallerUtf8) && key.SequenceEqual(entry.CalleeUtf8))
                {
                    Hit(entry.Counter);
                    return true;
                }
            }

            return false;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <inheritdoc cref="IsSuppressed(int, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
    public bool IsSuppressed(int sid, string caller, string callee)
    {
        if (!Volatile.Read(ref _bySid).TryGetValue(sid, out var entries))
        {
            return false;
        }

        var key = CalleeKey.Of(caller, callee);
        foreach (var entry in entries)
        {
            if (string.Equals(caller, entry.Caller, StringComparison.Ordinal) && string.Equals(key, entry.Callee, StringComparison.Ordinal))
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
