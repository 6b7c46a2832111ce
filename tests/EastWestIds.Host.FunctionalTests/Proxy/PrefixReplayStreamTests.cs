using System.Buffers;
using System.Threading.Tasks.Sources;
using EastWestIds.Host.Proxy;

namespace EastWestIds.Host.FunctionalTests.Proxy;

/// <summary>
/// The enforce-mode request body: the judged prefix, then the client's body. Kestrel's request body hands out pooled
/// ValueTasks, which may be awaited once; a read that finished before the stream looked at it was once consumed here and
/// handed on, so the forwarder read a recycled source and a large upload ended 400 mid-body (seen in CI, now and then).
/// </summary>
public sealed class PrefixReplayStreamTests
{
    [Fact]
    public async Task AReadOfTheRestThatFinishedAtOnce_IsAwaitedOnceOnly()
    {
        var rest = new OneShotReadStream(7);
        byte[] prefix = ArrayPool<byte>.Shared.Rent(3);
        "abc"u8.CopyTo(prefix);
        using var stream = new PrefixReplayStream(prefix, 3, rest, ended: false);
        var buffer = new byte[16];

        Assert.Equal(3, await stream.ReadAsync(buffer));
        Assert.Equal(7, await stream.ReadAsync(buffer));

        Assert.Equal(1, rest.ResultsTaken);
        Assert.Equal(7, stream.RestBytesRead);
    }

    /// <summary>Answers each read with a ValueTask whose source has already completed and gives its result once, as a pooled one does.</summary>
    private sealed class OneShotReadStream(int count) : Stream, IValueTaskSource<int>
    {
        public int ResultsTaken { get; private set; }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(this, 0);

        public int GetResult(short token)
        {
            if (++ResultsTaken > 1)
            {
                throw new InvalidOperationException("the source was already consumed and is back in its pool");
            }

            return count;
        }

        public ValueTaskSourceStatus GetStatus(short token) => ValueTaskSourceStatus.Succeeded;

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) => continuation(state);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
