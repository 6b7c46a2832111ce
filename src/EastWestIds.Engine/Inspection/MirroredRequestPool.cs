using System.Collections.Concurrent;

namespace EastWestIds.Engine.Inspection;

/// <summary>
/// Recycles <see cref="MirroredRequest"/>s between connections (which rent) and analysis workers (which
/// return). Lock-free; keeps at most <c>maxRetained</c> idle instances so a burst does not pin memory forever.
/// </summary>
public sealed class MirroredRequestPool
{
    private readonly ConcurrentQueue<MirroredRequest> _idle = new();
    private readonly int _maxRetained;
    private int _idleCount;

    public MirroredRequestPool(int maxRetained = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetained);
        _maxRetained = maxRetained;
    }

    public MirroredRequest Rent()
    {
        if (_idle.TryDequeue(out var request))
        {
            Interlocked.Decrement(ref _idleCount);
            return request;
        }

        return new MirroredRequest();
    }

    public void Return(MirroredRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Reset();
        if (Interlocked.Increment(ref _idleCount) > _maxRetained)
        {
            Interlocked.Decrement(ref _idleCount);
            return;
        }

        _idle.Enqueue(request);
    }
}
