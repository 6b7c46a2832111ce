using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using EastWestIds.Storage.Model;

namespace EastWestIds.Storage.Writing;

/// <summary>
/// Counts calls per caller → callee edge and verdict in memory, for the request path, and hands the totals to the
/// writer as <see cref="FlowEdgeDelta"/>s now and then: the store gets one upsert per edge per flush instead of one
/// write per request. <see cref="Record(ReadOnlySpan{byte}, ReadOnlySpan{byte}, AlertVerdict)"/> looks the edge up by the UTF-8 spans the request already has, so a known
/// edge costs a hash lookup and an interlocked add, no allocation; a new edge allocates its key once. The callee is
/// keyed as its <see cref="CalleeKey"/> (built on the stack): <c>ratings</c>, <c>ratings.bookinfo</c> and
/// <c>ratings.bookinfo.svc.cluster.local</c> from a caller in <c>bookinfo</c> are one edge, one node of the graph.
/// </summary>
/// <remarks>
/// Distinct edges are capped (<c>maxEdges</c>): past the cap a call on a new edge is not counted per edge but in
/// <see cref="Overflow"/>, which the host exports as a metric, so a flood of forged identities costs bounded memory and
/// is itself visible. Edges are never evicted (callers are service accounts, callees services: a slowly changing set).
/// Counts a full writer queue refuses are added back and offered again at the next flush.
/// Building the callee's key costs more than the lookup itself, so each spelling a caller uses (caller, host as used) is
/// remembered beside the edges and points at its edge's counter: a call by a known spelling is one lookup, as it was
/// before callees were keyed by Service. Spellings are capped at four per edge on average; past that the key is built
/// per call (correct, just slower), so forged Host variations cost bounded memory.
/// Recording reads no clock (on these VMs a clock read costs more than the rest of <c>Record</c>): a delta's first and
/// last seen are the start and end of the window it was counted in, so they are exact to the flush interval.
/// </remarks>
public sealed class FlowEdgeAccumulator
{
    private readonly ConcurrentDictionary<EdgeKey, Counter> _edges;
    private readonly ConcurrentDictionary<EdgeKey, Counter>.AlternateLookup<EdgeSpans> _lookup;
    private readonly ConcurrentDictionary<EdgeKey, Counter> _spellings;
    private readonly ConcurrentDictionary<EdgeKey, Counter>.AlternateLookup<EdgeSpans> _spellingLookup;
    private readonly int _maxEdges;
    private readonly int _maxSpellings;
    private readonly TimeProvider _time;
    private long _overflow;
    private DateTimeOffset _windowStart;

    public FlowEdgeAccumulator(int maxEdges = 10_000, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEdges, 1);
        _maxEdges = maxEdges;
        _time = timeProvider ?? TimeProvider.System;
        _edges = new ConcurrentDictionary<EdgeKey, Counter>(EdgeComparer.Instance);
        _lookup = _edges.GetAlternateLookup<EdgeSpans>();
        _spellings = new ConcurrentDictionary<EdgeKey, Counter>(EdgeComparer.Instance);
        _spellingLookup = _spellings.GetAlternateLookup<EdgeSpans>();
        _maxSpellings = maxEdges <= int.MaxValue / 4 ? maxEdges * 4 : int.MaxValue;
        _windowStart = _time.GetUtcNow();
    }

    /// <summary>Calls on new edges not counted because the edge cap was reached.</summary>
    public long Overflow => Interlocked.Read(ref _overflow);

    /// <summary>Distinct edges held.</summary>
    public int EdgeCount => _edges.Count;

    /// <summary>
    /// Counts one call from <paramref name="callerUtf8"/> (the SPIFFE principal) to the host it used,
    /// <paramref name="calleeUtf8"/>; false (and counted in <see cref="Overflow"/>) when the edge is new and the cap is reached.
    /// </summary>
    public bool Record(ReadOnlySpan<byte> callerUtf8, ReadOnlySpan<byte> calleeUtf8, AlertVerdict verdict)
    {
        if (_spellingLookup.TryGetValue(new EdgeSpans(callerUtf8, calleeUtf8), out var counter))
        {
            counter.Add(verdict, 1); // the usual case: a spelling seen before
            return true;
        }

        return RecordNewSpelling(callerUtf8, calleeUtf8, verdict);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool RecordNewSpelling(ReadOnlySpan<byte> callerUtf8, ReadOnlySpan<byte> calleeUtf8, AlertVerdict verdict)
    {
        var max = CalleeKey.MaxLength(callerUtf8.Length, calleeUtf8.Length);
        byte[]? rented = null;
        var buffer = max <= CalleeKey.StackLimit ? stackalloc byte[max] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var spans = new EdgeSpans(callerUtf8, buffer[..CalleeKey.Write(callerUtf8, calleeUtf8, buffer)]);
            if (!_lookup.TryGetValue(spans, out var counter))
            {
                counter = AddEdge(spans);
                if (counter is null)
                {
                    Interlocked.Increment(ref _overflow);
                    return false;
                }
            }

            if (_spellings.Count < _maxSpellings)
            {
                _spellingLookup.TryAdd(new EdgeSpans(callerUtf8, calleeUtf8), counter);
            }

            counter.Add(verdict, 1);
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Counts one call (encodes the strings: for tests and offline use, not the request path).</summary>
    public bool Record(string caller, string callee, AlertVerdict verdict)
        => Record(Encoding.UTF8.GetBytes(caller), Encoding.UTF8.GetBytes(callee), verdict);

    private Counter? AddEdge(EdgeSpans spans)
    {
        while (true)
        {
            if (_edges.Count >= _maxEdges)
            {
                return null;
            }

            var counter = new Counter(Encoding.UTF8.GetString(spans.Caller), Encoding.UTF8.GetString(spans.Callee));
            if (_lookup.TryAdd(spans, counter))
            {
                return counter;
            }

            if (_lookup.TryGetValue(spans, out var existing))
            {
                return existing;
            }
        }
    }

    /// <summary>Takes the calls counted since the last take, one delta per edge that had any; counters restart at zero.</summary>
    public List<FlowEdgeDelta> TakeDeltas()
    {
        var deltas = new List<FlowEdgeDelta>();
        var now = _time.GetUtcNow();
        var windowStart = _windowStart;
        _windowStart = now;
        foreach (var counter in _edges.Values)
        {
            if (counter.Take(windowStart, now) is { } delta)
            {
                deltas.Add(delta);
            }
        }

        return deltas;
    }

    /// <summary>Takes the deltas and queues them on <paramref name="writer"/>; what the writer refuses is kept for the next flush. Returns the deltas queued.</summary>
    public int FlushTo(AlertStoreWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var queued = 0;
        foreach (var delta in TakeDeltas())
        {
            if (writer.TryEnqueue(delta))
            {
                queued++;
            }
            else if (_edges.TryGetValue(new EdgeKey(Encoding.UTF8.GetBytes(delta.Caller), Encoding.UTF8.GetBytes(delta.Callee)), out var counter))
            {
                counter.Return(delta);
            }
        }

        return queued;
    }

    private sealed class Counter(string caller, string callee)
    {
        private readonly long[] _counts = new long[6];

        public void Add(AlertVerdict verdict, long count) => Interlocked.Add(ref _counts[(int)verdict % _counts.Length], count);

        public FlowEdgeDelta? Take(DateTimeOffset windowStart, DateTimeOffset now)
        {
            var c = new long[6];
            long total = 0;
            for (var i = 0; i < c.Length; i++)
            {
                c[i] = Interlocked.Exchange(ref _counts[i], 0);
                total += c[i];
            }

            return total == 0
                ? null
                : new FlowEdgeDelta(caller, callee, new VerdictCounts(c[0], c[1], c[2], c[3], c[4], c[5]), windowStart, now);
        }

        public void Return(FlowEdgeDelta delta)
        {
            var counts = delta.Counts;
            Add(AlertVerdict.None, counts.None);
            Add(AlertVerdict.Allowed, counts.Allowed);
            Add(AlertVerdict.Denied, counts.Denied);
            Add(AlertVerdict.WouldDeny, counts.WouldDeny);
            Add(AlertVerdict.ExtAuthz, counts.ExtAuthz);
            Add(AlertVerdict.Unprotected, counts.Unprotected);
        }
    }

    private sealed record EdgeKey(byte[] Caller, byte[] Callee);

    private readonly ref struct EdgeSpans(ReadOnlySpan<byte> caller, ReadOnlySpan<byte> callee)
    {
        public readonly ReadOnlySpan<byte> Caller = caller;
        public readonly ReadOnlySpan<byte> Callee = callee;
    }

    /// <summary>Compares keys by bytes, and byte spans against keys, so lookups need no key object.</summary>
    private sealed class EdgeComparer : IEqualityComparer<EdgeKey>, IAlternateEqualityComparer<EdgeSpans, EdgeKey>
    {
        public static readonly EdgeComparer Instance = new();

        public bool Equals(EdgeKey? x, EdgeKey? y)
            => ReferenceEquals(x, y) || (x is not null && y is not null && x.Caller.AsSpan().SequenceEqual(y.Caller) && x.Callee.AsSpan().SequenceEqual(y.Callee));

        public int GetHashCode(EdgeKey key) => Hash(key.Caller, key.Callee);

        public bool Equals(EdgeSpans alternate, EdgeKey other)
            => alternate.Caller.SequenceEqual(other.Caller) && alternate.Callee.SequenceEqual(other.Callee);

        public int GetHashCode(EdgeSpans alternate) => Hash(alternate.Caller, alternate.Callee);

        public EdgeKey Create(EdgeSpans alternate) => new(alternate.Caller.ToArray(), alternate.Callee.ToArray());

        private static int Hash(ReadOnlySpan<byte> caller, ReadOnlySpan<byte> callee)
            // The length goes in too, so ("ab","c") and ("a","bc") differ.
            => HashCode.Combine(Hash(caller), caller.Length, Hash(callee));

        /// <summary>
        /// The bytes hashed as UTF-16 code units by the runtime's string hash: randomized per process (the callee comes
        /// from the Host header, so collisions must not be predictable) and about ten times faster here than
        /// <see cref="HashCode.AddBytes"/>, which measured ~300 ns for a principal and a service name on these machines.
        /// </summary>
        private static int Hash(ReadOnlySpan<byte> bytes)
        {
            var hash = string.GetHashCode(MemoryMarshal.Cast<byte, char>(bytes));
            return (bytes.Length & 1) == 0 ? hash : HashCode.Combine(hash, bytes[^1]);
        }
    }
}
