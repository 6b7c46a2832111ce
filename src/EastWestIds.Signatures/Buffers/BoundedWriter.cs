namespace EastWestIds.Signatures.Buffers;

/// <summary>Appends to a span and silently stops at its end (the caller has already flagged the budget).</summary>
internal ref struct BoundedWriter
{
    private readonly Span<byte> _destination;
    private int _written;

    public BoundedWriter(Span<byte> destination) => _destination = destination;

    public readonly int Written => _written;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Span<byte> rest = _destination[_written..];
        if (bytes.Length <= rest.Length)
        {
            bytes.CopyTo(rest);
            _written += bytes.Length;
        }
        else
        {
            bytes[..rest.Length].CopyTo(rest);
            _written = _destination.Length;
        }
    }

    /// <summary>Appends two bytes (a separator such as <c>": "</c> or CRLF) without a call to copy them.</summary>
    public void Write(byte first, byte second)
    {
        if (_written + 2 <= _destination.Length)
        {
            _destination[_written] = first;
            _destination[_written + 1] = second;
            _written += 2;
        }
        else if (_written < _destination.Length)
        {
            _destination[_written++] = first;
        }
    }
}
