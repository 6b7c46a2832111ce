namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// The per-worker scratch memory that decoded buffers live in: one array, filled front to back during a request and
/// rewound by <see cref="Reset"/>. Callers keep offsets, not spans, so growing (a new, bigger array; rare, and never
/// past the budget) does not invalidate anything. The old array is left to the GC rather than pooled, because a span
/// handed out by <see cref="RequestBuffers.Get"/> earlier in the same request may still point into it.
/// </summary>
internal sealed class ByteArena
{
    private readonly int _budget;
    private byte[] _buffer;
    private int _length;

    public ByteArena(int budget, int initialSize)
    {
        _budget = budget;
        _buffer = new byte[Math.Min(budget, initialSize)];
    }

    /// <summary>Bytes in use.</summary>
    public int Length => _length;

    /// <summary>Bytes still available under the budget.</summary>
    public int Available => _budget - _length;

    public void Reset() => _length = 0;

    /// <summary>
    /// Writable space for up to <paramref name="wanted"/> bytes at the end; shorter when the budget is nearly used
    /// up (the caller cuts its input to fit and flags it). Follow with <see cref="Commit"/>.
    /// </summary>
    public Span<byte> Begin(int wanted)
    {
        int size = Math.Min(wanted, Available);
        if (_length + size > _buffer.Length)
        {
            long grown = Math.Max((long)_buffer.Length * 2, (long)_length + size);
            var bigger = new byte[(int)Math.Min(grown, _budget)];
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            _buffer = bigger;
        }

        return _buffer.AsSpan(_length, size);
    }

    /// <summary>Keeps <paramref name="written"/> bytes of the space from <see cref="Begin"/>; returns their offset.</summary>
    public int Commit(int written)
    {
        int start = _length;
        _length += written;
        return start;
    }

    public ReadOnlySpan<byte> Slice(int start, int length) => _buffer.AsSpan(start, length);

    public Span<byte> WritableSlice(int start, int length) => _buffer.AsSpan(start, length);
}
