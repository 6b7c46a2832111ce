using System.Buffers;
using System.IO.Pipelines;
using EastWestIds.Engine.Analysis;
using EastWestIds.Engine.Telemetry;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace EastWestIds.Host.Mirror;

/// <summary>
/// Kestrel connection middleware on the mirror port. It reads the first bytes of each connection: the HTTP/2
/// connection preface (RFC 9113 §3.4, gRPC and other h2c mirrors with prior knowledge) goes on to Kestrel's own
/// HTTP/2, which hands each stream to <see cref="Http2MirrorHandler"/>; anything else is HTTP/1.1 and is framed
/// here by <see cref="Http1MirrorConnection"/> without building an <c>HttpContext</c>. One port serves both, so a
/// VirtualService mirror needs no per-protocol port.
/// </summary>
internal sealed partial class MirrorConnectionHandler
{
    private static readonly byte[] Http2Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    private readonly MirrorSettings _settings;
    private readonly AnalysisQueue _queue;
    private readonly IdsMetrics _metrics;
    private readonly ConnectionHeartbeat _heartbeat;
    private readonly ILogger _logger;

    public MirrorConnectionHandler(MirrorSettings settings, AnalysisQueue queue, IdsMetrics metrics, ConnectionHeartbeat heartbeat, ILogger logger)
    {
        _settings = settings;
        _queue = queue;
        _metrics = metrics;
        _heartbeat = heartbeat;
        _logger = logger;
    }

    /// <summary>The middleware for <c>ListenOptions.Use</c>; <paramref name="http"/> is Kestrel's HTTP/2 pipeline.</summary>
    public ConnectionDelegate Middleware(ConnectionDelegate http) => connection => OnConnectedAsync(connection, http);

    private async Task OnConnectedAsync(ConnectionContext connection, ConnectionDelegate http)
    {
        var state = new MirrorConnectionState(connection.Transport.Input);
        state.Deadline = Environment.TickCount64 + (long)_settings.IdleTimeout.TotalMilliseconds;
        _heartbeat.Register(state);
        var registered = true;
        try
        {
            var protocol = await SniffAsync(connection.Transport.Input, state).ConfigureAwait(false);
            switch (protocol)
            {
                case SniffResult.Http2:
                    // Kestrel's HTTP/2 keeps its own keep-alive and header timeouts from here on.
                    _heartbeat.Unregister(state);
                    registered = false;
                    await http(connection).ConfigureAwait(false);
                    return;
                case SniffResult.Http1:
                    var http1 = new Http1MirrorConnection(connection.Transport, state, connection.RemoteEndPoint, connection.LocalEndPoint, _settings, _queue, _metrics, _heartbeat);
                    var reason = await http1.RunAsync().ConfigureAwait(false);
                    _metrics.ConnectionEnded(reason);
                    Log.ConnectionEnded(_logger, connection.ConnectionId, reason);
                    return;
                case SniffResult.TimedOut:
                    _metrics.ConnectionEnded(ConnectionEndReason.IdleTimeout);
                    return;
                default:
                    _metrics.ConnectionEnded(ConnectionEndReason.ClientClosed);
                    return;
            }
        }
        catch (Exception ex) when (ex is IOException or ConnectionResetException or ConnectionAbortedException)
        {
            _metrics.ConnectionEnded(ConnectionEndReason.TransportError);
        }
        catch (Exception ex)
        {
            // A bug of ours must cost one connection, never the listener: count it, log it, close.
            _metrics.ConnectionEnded(ConnectionEndReason.InternalError);
            Log.ConnectionFailed(_logger, connection.ConnectionId, ex);
        }
        finally
        {
            if (registered)
            {
                _heartbeat.Unregister(state);
            }
        }
    }

    /// <summary>Reads until the first bytes tell HTTP/2's preface from anything else; consumes nothing.</summary>
    private static async ValueTask<SniffResult> SniffAsync(PipeReader input, MirrorConnectionState state)
    {
        while (true)
        {
            var result = await input.ReadAsync().ConfigureAwait(false);
            if (result.IsCanceled && (state.TimedOut || state.Closing))
            {
                input.AdvanceTo(result.Buffer.Start);
                return state.Closing ? SniffResult.Closed : SniffResult.TimedOut;
            }

            var buffer = result.Buffer;
            var decision = Classify(buffer);
            if (decision != SniffResult.NeedMore)
            {
                // Nothing consumed or examined: the next reader gets these bytes at once.
                input.AdvanceTo(buffer.Start);
                return decision;
            }

            if (result.IsCompleted)
            {
                input.AdvanceTo(buffer.Start, buffer.End);
                return buffer.IsEmpty ? SniffResult.Closed : SniffResult.Http1;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    internal static SniffResult Classify(in ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return SniffResult.NeedMore;
        }

        Span<byte> head = stackalloc byte[24];
        var length = (int)Math.Min(buffer.Length, head.Length);
        buffer.Slice(0, length).CopyTo(head);
        if (!head[..length].SequenceEqual(Http2Preface.AsSpan(0, length)))
        {
            return SniffResult.Http1;
        }

        return length == Http2Preface.Length ? SniffResult.Http2 : SniffResult.NeedMore;
    }

    internal enum SniffResult
    {
        NeedMore,
        Http1,
        Http2,
        Closed,
        TimedOut,
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 103, EventName = "MirrorConnectionEnded", Level = LogLevel.Debug, Message = "Mirror connection {ConnectionId} ended: {Reason}")]
        public static partial void ConnectionEnded(ILogger logger, string connectionId, ConnectionEndReason reason);

        [LoggerMessage(EventId = 102, EventName = "MirrorConnectionFailed", Level = LogLevel.Error, Message = "Mirror connection {ConnectionId} failed")]
        public static partial void ConnectionFailed(ILogger logger, string connectionId, Exception exception);
    }
}
