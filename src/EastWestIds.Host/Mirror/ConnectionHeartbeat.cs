using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace EastWestIds.Host.Mirror;

/// <summary>
/// One timer for every mirror connection, as Kestrel's own heartbeat: each tick it times out the connections
/// past their deadline (cancelling their pending read) and refreshes the cached <c>Date</c> header. Per
/// request, a connection only writes a deadline; no timer or token is made per read.
/// </summary>
internal sealed class ConnectionHeartbeat : IDisposable
{
    private readonly ConcurrentDictionary<MirrorConnectionState, byte> _connections = new();
    private readonly Timer _timer;
    private byte[] _dateHeader = FormatDate(DateTimeOffset.UtcNow);
    private volatile bool _closing;

    public ConnectionHeartbeat(TimeSpan interval)
    {
        _timer = new Timer(_ => Tick(), null, interval, interval);
    }

    /// <summary><c>Date: Sat, 28 Nov 2026 21:00:00 GMT\r\n</c>, at most one interval old.</summary>
    public ReadOnlySpan<byte> DateHeader => Volatile.Read(ref _dateHeader);

    public void Register(MirrorConnectionState state)
    {
        _connections.TryAdd(state, 0);
        if (_closing)
        {
            state.Closing = true; // accepted just as the server began to stop
        }
    }

    public void Unregister(MirrorConnectionState state) => _connections.TryRemove(state, out _);

    public int ConnectionCount => _connections.Count;

    internal void Tick()
    {
        Volatile.Write(ref _dateHeader, FormatDate(DateTimeOffset.UtcNow));
        var now = Environment.TickCount64;
        foreach (var (state, _) in _connections)
        {
            if (!state.TimedOut && now >= state.Deadline)
            {
                state.TimedOut = true;
                state.Reader.CancelPendingRead();
            }
        }
    }

    /// <summary>
    /// Wakes every connection so it ends now rather than when its client goes away: Kestrel cannot ask a
    /// connection middleware to close gracefully, and an idle keep-alive mirror connection would otherwise hold
    /// shutdown for the whole host shutdown timeout.
    /// </summary>
    public void CloseAll()
    {
        _closing = true;
        foreach (var (state, _) in _connections)
        {
            state.Closing = true;
            state.Reader.CancelPendingRead();
        }
    }

    public void Dispose() => _timer.Dispose();

    private static byte[] FormatDate(DateTimeOffset now)
        => Encoding.ASCII.GetBytes("Date: " + now.ToString("r", CultureInfo.InvariantCulture) + "\r\n");
}
