using System.Collections.Concurrent;
using EastWestIds.Identity.Callee;

namespace EastWestIds.Policy.Baseline;

/// <summary>
/// The learned baseline: which caller principal calls which service, with which method, on which path template
/// (issue 4 "Learned baseline"). While learning, a new edge joins the baseline; afterwards a new edge is reported once
/// (<see cref="EdgeObservation.NewEdge"/>) and then remembered as reported, so the next request on it is quiet.
/// </summary>
/// <remarks>
/// <para>
/// The request path calls <see cref="Observe"/> with the spans it already holds. A known edge is a lookup by a
/// stack-built key (no allocation) and an interlocked add; only a new edge allocates its key, once. No clock is read
/// per request: the counts since the last <see cref="TakeDeltas"/> go out as one delta per edge, and whoever takes
/// them stamps them with the window they were counted in (as the store's <c>FlowEdgeAccumulator</c> does).
/// </para>
/// <para>
/// Memory is bounded: at most <c>maxEdges</c> edges (baseline and reported alike). Past the cap a new edge is neither
/// learned nor remembered; it is counted in <see cref="Overflow"/>, and <see cref="TryClaimOverflowReport"/> lets the
/// caller raise one finding saying so. The cap exists because path templates are attacker-shaped: a caller walking
/// through made-up words makes a new edge per word.
/// </para>
/// <para>
/// The callee of an edge is the Service, keyed by <see cref="ServiceKey"/> (<c>name.namespace</c>, lower case; short
/// names in the caller's namespace; external hosts and IPs whole), the same key the alert store gives suppressions
/// and flow edges. So a caller that learned <c>ratings</c> and later calls <c>ratings.bookinfo</c> or
/// <c>ratings-0.ratings.bookinfo.svc.cluster.local</c> stays on one known edge instead of raising a new-edge alert
/// per spelling. Stored edges of older builds (host as spelled, or <c>svc.ns.svc.cluster.local</c>) are normalized by
/// <see cref="Load"/>, and spellings of one Service merge there.
/// </para>
/// <para>Thread-safe: the analysis workers share one learner.</para>
/// </remarks>
public sealed class BaselineLearner
{
    /// <summary>Longest method kept in an edge; longer ones are cut (they are protocol findings anyway).</summary>
    public const int MaxMethodBytes = 32;

    /// <summary>Longest caller principal or callee kept; an edge with a longer one is skipped.</summary>
    public const int MaxNameBytes = 512;

    private const int MaxKeyChars = MaxNameBytes * 2 + MaxMethodBytes + PathTemplater.MaxTemplateBytes + 3;

    private const int MaxServiceKeyBytes = MaxNameBytes * 2 + 1;

    private readonly ConcurrentDictionary<string, Entry> _edges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _maxEdges;
    private volatile bool _learning;
    private volatile bool _suspended;
    private int _count;
    private int _baselineCount;
    private long _overflow;
    private long _newEdges;
    private int _overflowReported;

    /// <summary>Creates an empty learner.</summary>
    /// <param name="maxEdges">Most edges remembered (baseline and reported).</param>
    /// <param name="learning">Whether it starts in learning mode.</param>
    public BaselineLearner(int maxEdges, bool learning)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEdges, 1);
        _maxEdges = maxEdges;
        _learning = learning;
        _lookup = _edges.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>True while new edges join the baseline instead of being reported.</summary>
    public bool IsLearning => _learning;

    /// <summary>The cap on remembered edges.</summary>
    public int MaxEdges => _maxEdges;

    /// <summary>Edges in the baseline.</summary>
    public int BaselineEdgeCount => Volatile.Read(ref _baselineCount);

    /// <summary>Edges remembered (baseline plus reported new edges).</summary>
    public int EdgeCount => Volatile.Read(ref _count);

    /// <summary>Requests on new edges that were not remembered because the table was full.</summary>
    public long Overflow => Interlocked.Read(ref _overflow);

    /// <summary>New edges reported (one per edge).</summary>
    public long NewEdgesReported => Interlocked.Read(ref _newEdges);

    /// <summary>True while nothing is observed (the host has not loaded the stored baseline yet).</summary>
    public bool IsSuspended => _suspended;

    /// <summary>
    /// Stops observing until <see cref="Resume"/>: every request is <see cref="EdgeObservation.Skipped"/>. The host
    /// suspends until the stored baseline is loaded; detecting against half a baseline would report every known edge.
    /// </summary>
    public void Suspend() => _suspended = true;

    /// <summary>Observes again.</summary>
    public void Resume() => _suspended = false;

    /// <summary>Ends learning: from now on new edges are reported.</summary>
    public void EndLearning() => _learning = false;

    /// <summary>(Re)starts learning: new edges join the baseline, and an edge reported earlier joins it when seen again.</summary>
    public void StartLearning() => _learning = true;

    /// <summary>
    /// Records one request. <paramref name="caller"/> is the attested principal (<c>spiffe://…</c>),
    /// <paramref name="callee"/> the host the caller called, without <c>-shadow</c> and port, in any spelling of the
    /// Service (<c>ratings</c>, <c>ratings.bookinfo</c>, <c>ratings.bookinfo.svc.cluster.local</c>, or the key itself):
    /// the edge is keyed by <see cref="ServiceKey"/>. <paramref name="path"/> is the request path as received (query
    /// allowed; it is dropped). Allocates only for a new edge.
    /// </summary>
    public EdgeObservation Observe(ReadOnlySpan<byte> caller, ReadOnlySpan<byte> callee, ReadOnlySpan<byte> method, ReadOnlySpan<byte> path)
    {
        if (_suspended || caller.IsEmpty || callee.IsEmpty || method.IsEmpty || caller.Length > MaxNameBytes || callee.Length > MaxNameBytes)
        {
            return EdgeObservation.Skipped;
        }

        // Both lengths are at most MaxNameBytes, so this always holds the key (host plus at most the principal's namespace).
        Span<byte> service = stackalloc byte[MaxServiceKeyBytes];
        var serviceLength = ServiceKey.Write(caller, callee, service);
        if (serviceLength == 0 || serviceLength > MaxNameBytes)
        {
            return EdgeObservation.Skipped;
        }

        Span<byte> template = stackalloc byte[PathTemplater.MaxTemplateBytes];
        if (!PathTemplater.TryTemplate(path, template, out var templateLength))
        {
            return EdgeObservation.Skipped;
        }

        if (method.Length > MaxMethodBytes)
        {
            method = method[..MaxMethodBytes];
        }

        Span<char> key = stackalloc char[MaxKeyChars];
        var length = EdgeKey.Write(key, caller, service[..serviceLength], method, template[..templateLength]);
        return ObserveKey(key[..length]);
    }

    private EdgeObservation ObserveKey(ReadOnlySpan<char> key)
    {
        if (_lookup.TryGetValue(key, out var entry))
        {
            return Seen(entry);
        }

        if (Volatile.Read(ref _count) >= _maxEdges)
        {
            Interlocked.Increment(ref _overflow);
            return EdgeObservation.Overflow;
        }

        // Rare: the first request of an edge allocates its key. Two workers racing on one new edge agree on the
        // stored entry; the loser goes the known-edge way. The cap may be passed by at most the number of workers.
        var learning = _learning;
        var created = new Entry(learning, learning ? 1 : 0);
        var stored = _edges.GetOrAdd(new string(key), created);
        if (!ReferenceEquals(stored, created))
        {
            return Seen(stored);
        }

        Interlocked.Increment(ref _count);
        if (learning)
        {
            Interlocked.Increment(ref _baselineCount);
            return EdgeObservation.Learned;
        }

        Interlocked.Increment(ref _newEdges);
        return EdgeObservation.NewEdge;
    }

    private EdgeObservation Seen(Entry entry)
    {
        if (entry.InBaseline)
        {
            Interlocked.Increment(ref entry.Pending);
            return EdgeObservation.Known;
        }

        if (_learning && entry.Promote())
        {
            Interlocked.Increment(ref _baselineCount);
            Interlocked.Increment(ref entry.Pending);
            return EdgeObservation.Learned;
        }

        return entry.InBaseline ? EdgeObservation.Known : EdgeObservation.AlreadyReported;
    }

    /// <summary>True for the first caller after the table overflowed: raise one finding saying new edges go unreported.</summary>
    public bool TryClaimOverflowReport() => Interlocked.Exchange(ref _overflowReported, 1) == 0;

    /// <summary>
    /// Adds stored edges to the baseline (at start-up). Each callee is normalized to its <see cref="ServiceKey"/>, so edges
    /// stored by older builds (host as the caller spelled it, or <c>svc.ns.svc.cluster.local</c>) match requests, and
    /// several spellings of one Service become one edge. Returns how many did not fit under the cap or were invalid.
    /// </summary>
    public int Load(IEnumerable<LearnedEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var refused = 0;
        foreach (var edge in edges)
        {
            var key = EdgeKey.From(edge);
            if (key is null)
            {
                refused++;
                continue;
            }

            if (_edges.TryGetValue(key, out var existing))
            {
                if (existing.Promote())
                {
                    Interlocked.Increment(ref _baselineCount);
                }

                continue;
            }

            if (Volatile.Read(ref _count) >= _maxEdges)
            {
                refused++;
                continue;
            }

            if (_edges.TryAdd(key, new Entry(inBaseline: true, pending: 0)))
            {
                Interlocked.Increment(ref _count);
                Interlocked.Increment(ref _baselineCount);
            }
        }

        return refused;
    }

    /// <summary>
    /// The calls counted on baseline edges since the last call, one delta per edge with calls (new edges included:
    /// persisting a delta is what makes an edge survive a restart). Not for the request path.
    /// </summary>
    public List<LearnedEdge> TakeDeltas()
    {
        var deltas = new List<LearnedEdge>();
        foreach (var (key, entry) in _edges)
        {
            if (!entry.InBaseline)
            {
                continue;
            }

            var count = Interlocked.Exchange(ref entry.Pending, 0);
            if (count > 0)
            {
                deltas.Add(EdgeKey.Parse(key, count));
            }
        }

        return deltas;
    }

    /// <summary>Puts back a delta that could not be sent (a full store queue), for the next <see cref="TakeDeltas"/>.</summary>
    public void Restore(LearnedEdge delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (EdgeKey.From(delta) is { } key && _edges.TryGetValue(key, out var entry))
        {
            Interlocked.Add(ref entry.Pending, delta.Count);
        }
    }

    /// <summary>The baseline edges, sorted (count 0: the learner keeps no running totals; the store does).</summary>
    public List<LearnedEdge> Snapshot()
    {
        var edges = new List<LearnedEdge>();
        foreach (var (key, entry) in _edges)
        {
            if (entry.InBaseline)
            {
                edges.Add(EdgeKey.Parse(key, 0));
            }
        }

        edges.Sort(EdgeKey.Compare);
        return edges;
    }

    private sealed class Entry(bool inBaseline, long pending)
    {
        private int _inBaseline = inBaseline ? 1 : 0;

        public long Pending = pending;

        public bool InBaseline => Volatile.Read(ref _inBaseline) == 1;

        /// <summary>Moves a reported edge into the baseline; true for the one caller that did it.</summary>
        public bool Promote() => Interlocked.Exchange(ref _inBaseline, 1) == 0;
    }
}
