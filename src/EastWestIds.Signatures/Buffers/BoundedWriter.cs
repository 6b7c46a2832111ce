namespace EastWestIds.Signatures.Buffers;

/// <summary>Appends to a span and silently stops at its end (the caller has already flagged the budget).</summary>
internal ref struct BoundedWriter
{
    private readonly Span<byte> _destination;

    public BoundedWriter(Span<byte> destination) => _destination = destination;

    public int Written { get; private set; }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        int n = Math.Min(bytes.Length, _destination.Length - Written);
        bytes[..n].CopyTo(_destination[Written..]);
        Written += n;
    }
}
