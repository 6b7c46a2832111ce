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

    public int Count { get; private set; }

    public Segment this[int index] => _items[index];

    /// <summary>The segments in order.</summary>
    public ReadOnlySpan<Segment> Items => _items.AsSpan(0, Count);

    public void Clear() => Count = 0;

    public void Add(Segment segment)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = segment;
    }
}
