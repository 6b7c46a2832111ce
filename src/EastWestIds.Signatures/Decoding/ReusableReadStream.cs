using EastWestIds.Core.IO;

namespace EastWestIds.Signatures.Decoding;

/// <summary>
/// A read-only, non-seekable stream over a slice of an array that can be re-pointed without allocating: the source
/// that <see cref="System.IO.Compression.GZipStream"/> and friends pull compressed bytes from. (A
/// <see cref="MemoryStream"/> cannot be re-pointed at a new array, so it would be one allocation per request.)
/// </summary>
internal sealed class ReusableReadStream : ReadOnlyForwardStream
{
    private byte[] _buffer = [];
    private int _position;
    private int _end;

    /// <summary>Bytes not yet read.</summary>
    public int Remaining => _end - _position;

    public void Reset(byte[] buffer, int length)
    {
        _buffer = buffer;
        _position = 0;
        _end = length;
    }

    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(buffer.Length, _end - _position);
        _buffer.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }
}
