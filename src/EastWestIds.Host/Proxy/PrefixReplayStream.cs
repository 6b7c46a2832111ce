using System.Buffers;
using EastWestIds.Core.IO;

namespace EastWestIds.Host.Proxy;

/// <summary>
/// The request body as the forwarder sees it in enforce mode: first the prefix that was read and judged before
/// forwarding, then the rest of the client's body, read on demand. Nothing past the prefix is ever held here, so
/// an upload of any size streams through in the forwarder's own buffer-sized steps.
/// </summary>
internal sealed class PrefixReplayStream : ReadOnlyForwardStream
{
    private readonly Stream _rest;
    private readonly bool _ended;
    private byte[]? _prefix;
    private int _position;
    private readonly int _length;
    private long _restRead;

    /// <summary>Replays <paramref name="length"/> bytes of <paramref name="prefix"/> (rented, returned to the pool on
    /// dispose), then reads <paramref name="rest"/> unless <paramref name="ended"/> says the body ended within the prefix.</summary>
    public PrefixReplayStream(byte[] prefix, int length, Stream rest, bool ended)
    {
        _prefix = prefix;
        _length = length;
        _rest = rest;
        _ended = ended;
    }

    /// <summary>Bytes read past the judged prefix: forwarded, never analysed.</summary>
    public long RestBytesRead => _restRead;

    public override int Read(Span<byte> buffer)
    {
        var taken = TakePrefix(buffer);
        if (taken > 0 || PrefixLeft || _ended)
        {
            return taken;
        }

        var read = _rest.Read(buffer);
        _restRead += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // A zero-byte read (how the forwarder waits for data) answers at once while prefix bytes are left.
        var taken = TakePrefix(buffer.Span);
        if (taken > 0 || PrefixLeft || _ended)
        {
            return ValueTask.FromResult(taken);
        }

        return CountRest(_rest.ReadAsync(buffer, cancellationToken));
    }

    private ValueTask<int> CountRest(ValueTask<int> read)
    {
        if (read.IsCompletedSuccessfully)
        {
            // A ValueTask may be awaited once: reading Result consumed it, and Kestrel's request body returns pooled
            // ones, which go back to the pool then. Handing the same ValueTask on made the forwarder read a recycled
            // source ("Operation is not valid due to the current state of the object": the upload ended 400 mid-body)
            // whenever the read finished between its return and this check. A fresh ValueTask holds only the count.
            var count = read.Result;
            _restRead += count;
            return new ValueTask<int>(count);
        }

        return Awaited(read);

        async ValueTask<int> Awaited(ValueTask<int> pending)
        {
            var count = await pending.ConfigureAwait(false);
            _restRead += count;
            return count;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _prefix, null) is { } prefix)
        {
            ArrayPool<byte>.Shared.Return(prefix);
        }

        base.Dispose(disposing);
    }

    private bool PrefixLeft => _prefix is not null && _position < _length;

    private int TakePrefix(Span<byte> destination)
    {
        var prefix = _prefix;
        if (prefix is null || _position >= _length || destination.IsEmpty)
        {
            return 0;
        }

        var take = Math.Min(destination.Length, _length - _position);
        prefix.AsSpan(_position, take).CopyTo(destination);
        _position += take;
        return take;
    }
}
