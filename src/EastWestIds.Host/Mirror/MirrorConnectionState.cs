using System.IO.Pipelines;

namespace EastWestIds.Host.Mirror;

/// <summary>What the heartbeat needs to time out one connection: a deadline and a way to wake its reader.</summary>
internal sealed class MirrorConnectionState(PipeReader reader)
{
    private long _deadline = long.MaxValue;

    /// <summary>Set by the heartbeat when <see cref="Deadline"/> passed; the connection then closes itself.</summary>
    public volatile bool TimedOut;

    /// <summary>Set when the server is stopping: the connection ends after what it has already read.</summary>
    public volatile bool Closing;

    public PipeReader Reader { get; } = reader;

    /// <summary>Milliseconds on <see cref="Environment.TickCount64"/>'s clock; <see cref="long.MaxValue"/> for none.</summary>
    public long Deadline
    {
        get => Volatile.Read(ref _deadline);
        set => Volatile.Write(ref _deadline, value);
    }
}
