namespace EastWestIds.Signatures.Decoding;

/// <summary>
/// A read-only, non-seekable stream over a slice of an array that can be re-pointed without allocating: the source
/// that <see cref="System.IO.Compression.GZipStream"/> and friends pull compressed bytes from. (A
/// <see cref="MemoryStream"/> cannot be re-pointed at a new array, so it would be one allocation per request.)
/// </summary>
internal sealed class ReusableReadStream : Stream
{
    private byte[] _buffer = [];
    private int _position;
    private int _end;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Bytes not yet read.</summary>
    public int Remaining => _end - _position;

    public void Reset(byte[] buffer, int length)
    {
        _buffer = buffer;
        _position = 0;
        _end = length;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(buffer.Length, _end - _position);
        _buffer.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
