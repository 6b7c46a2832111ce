namespace EastWestIds.Signatures.Buffers;

/// <summary>Where a buffer value's bytes are: decoded into the arena, or still in the request (zero copy).</summary>
internal enum SegmentSource : byte
{
    Arena,
    DecodedBody,

    /// <summary>The decoded body transcoded to UTF-8 (a body in UTF-16, UTF-32 or EBCDIC; RequestBuffers.Body.cs).</summary>
    TranscodedBody,
    Target,
    HeaderValue,
    Method,
    SourcePrincipal,
    DestinationService,
    Protocol,

    /// <summary>A range of the one Cookie header's value (<c>http.cookie_pair</c>, <c>_value</c>, <c>_name</c>).</summary>
    CookieHeader,

    /// <summary>The last bytes of a body longer than the inspected head (RequestBuffers.BodyTail.cs).</summary>
    BodyTail,
}

/// <summary>One buffer value: its source and range (for <see cref="SegmentSource.HeaderValue"/>, Start is the header index and the range is the whole value).</summary>
internal readonly record struct Segment(SegmentSource Source, int Start, int Length);

/// <summary>A reusable list of segments; grows rarely, cleared per request.</summary>
internal sealed class SegmentList
{
    private Segment[] _items = new Segment[4];

    // Entries added past the budget of AddWithin: each took the ring slot of the oldest of the last ones.
    private int _overflow;

    public int Count { get; private set; }

    public Segment this[int index] => _items[index];

    /// <summary>The segments in order (past a budget, the last quarter in ring order).</summary>
    public ReadOnlySpan<Segment> Items => _items.AsSpan(0, Count);

    public void Clear()
    {
        Count = 0;
        _overflow = 0;
    }

    public void Add(Segment segment)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = segment;
    }

    /// <summary>
    /// Adds <paramref name="segment"/> while the list holds fewer than <paramref name="budget"/> entries. Past that the
    /// list keeps its first three quarters and, in the last quarter, the newest entries (a ring): padding a request
    /// with junk arguments before the payload is a known way past an inspector that reads only the first N, and the
    /// server behind reads them all. False when an entry was dropped to keep the budget.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool AddWithin(Segment segment, int budget)
    {
        int count = Count;
        if (count < budget && count < _items.Length)
        {
            _items[count] = segment;
            Count = count + 1;
            return true;
        }

        return AddGrowingOrPastBudget(segment, budget);
    }

    private bool AddGrowingOrPastBudget(Segment segment, int budget)
    {
        if (Count < budget)
        {
            Add(segment);
            return true;
        }

        int tail = budget / 4;
        if (tail > 0)
        {
            _items[budget - tail + (_overflow % tail)] = segment;
            _overflow++;
        }

        return false;
    }
}
