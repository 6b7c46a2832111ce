using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using HttpVersion = EastWestIds.Http.Http1.HttpVersion;
using EastWestIds.Engine.Analysis;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Http.Http1;

namespace EastWestIds.Host.Mirror;

/// <summary>
/// One HTTP/1.1 mirror connection: read → frame as many requests as the buffer holds → answer each at once →
/// hand each to the analysis queue → advance the pipe. Nothing here waits on analysis, and nothing blocks, which
/// is what makes running it inline on the socket thread safe.
/// </summary>
/// <remarks>
/// Each request is answered once it is fully framed (body drained), not when its head arrives: an early answer
/// to a request still streaming makes Envoy reset the upstream stream. <c>Expect: 100-continue</c> is answered
/// as soon as the head is in. A rejected request gets its status and the connection is closed (RFC 9112 §9.6),
/// since after a framing error nothing later on the connection can be trusted to start where we think.
/// </remarks>
internal sealed class Http1MirrorConnection
{
    private static long s_nextConnectionId;

    private readonly IDuplexPipe _transport;
    private readonly MirrorConnectionState _state;
    private readonly MirrorSettings _settings;
    private readonly AnalysisQueue _queue;
    private readonly IdsMetrics _metrics;
    private readonly ConnectionHeartbeat _heartbeat;
    private readonly Http1RequestParser _parser;
    private readonly IPEndPoint? _remote;
    private readonly IPEndPoint? _local;
    private readonly long _connectionId = Interlocked.Increment(ref s_nextConnectionId);
    private MirroredRequest? _request;
    private bool _continueSent;
    private long _headStarted;

    public Http1MirrorConnection(
        IDuplexPipe transport,
        MirrorConnectionState state,
        EndPoint? remote,
        EndPoint? local,
        MirrorSettings settings,
        AnalysisQueue queue,
        IdsMetrics metrics,
        ConnectionHeartbeat heartbeat)
    {
        _transport = transport;
        _state = state;
        _settings = settings;
        _queue = queue;
        _metrics = metrics;
        _heartbeat = heartbeat;
        _remote = remote as IPEndPoint;
        _local = local as IPEndPoint;
        _parser = new Http1RequestParser(settings.Limits);
    }

    public async Task<ConnectionEndReason> RunAsync()
    {
        var input = _transport.Input;
        try
        {
            while (true)
            {
                ReadResult result;
                try
                {
                    result = await input.ReadAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or Microsoft.AspNetCore.Connections.ConnectionResetException or OperationCanceledException)
                {
                    return EndWithPartialRequest(ConnectionEndReason.TransportError);
                }

                if (result.IsCanceled)
                {
                    if (_state.Closing)
                    {
                        input.AdvanceTo(result.Buffer.Start);
                        return EndWithPartialRequest(ConnectionEndReason.ServerShutdown);
                    }

                    return await TimedOutAsync(result.Buffer).ConfigureAwait(false);
                }

                var buffer = result.Buffer;
                var outcome = Process(buffer, out var consumed, out var examined);
                var buffered = buffer.Slice(consumed).Length; // read before AdvanceTo hands the buffer back
                input.AdvanceTo(consumed, examined);

                if (outcome.WroteResponse)
                {
                    var flush = await _transport.Output.FlushAsync().ConfigureAwait(false);
                    if (flush.IsCompleted && outcome.End is null)
                    {
                        return EndWithPartialRequest(ConnectionEndReason.ClientClosed);
                    }
                }

                if (outcome.End is { } end)
                {
                    return end;
                }

                if (_state.Closing)
                {
                    return EndWithPartialRequest(ConnectionEndReason.ServerShutdown);
                }

                if (result.IsCompleted)
                {
                    return buffered > 0 || _parser.InBody
                        ? EndWithPartialRequest(ConnectionEndReason.TruncatedRequest)
                        : ConnectionEndReason.ClientClosed;
                }

                SetDeadline(buffered);
            }
        }
        finally
        {
            if (_request is not null)
            {
                _queue.Pool.Return(_request);
                _request = null;
            }
        }
    }

    private Outcome Process(in ReadOnlySequence<byte> buffer, out SequencePosition consumed, out SequencePosition examined)
    {
        var reader = new SequenceReader<byte>(buffer);
        var output = _transport.Output;
        var outcome = default(Outcome);
        var status = ParseStatus.Incomplete;
        while (true)
        {
            var request = _request ??= StartRequest();
            var capture = new MirroredRequestCapture(request, _settings.MaxInspectedBodyBytes, _settings.MaxInspectedBodyTailBytes);
            status = _parser.Parse(ref reader, ref capture);
            if (status == ParseStatus.Complete)
            {
                var framing = _parser.Framing;
                _request = null;
                _continueSent = false;
                _headStarted = 0;
                _queue.Submit(request);
                Http1Responses.WriteOk(output, _heartbeat.DateHeader, framing.KeepAlive, framing.Version == HttpVersion.Http10);
                outcome.WroteResponse = true;
                if (!framing.KeepAlive)
                {
                    outcome.End = ConnectionEndReason.RequestedClose;
                    break;
                }

                continue;
            }

            if (status == ParseStatus.Rejected)
            {
                var reason = _parser.RejectionReason;
                _metrics.RequestRejected(reason);
                request.Reject(reason, reader.UnreadSequence, _settings.MaxEvidenceBytes);
                _request = null;
                _queue.Submit(request);
                Http1Responses.WriteError(output, _heartbeat.DateHeader, reason.StatusCode());
                outcome.WroteResponse = true;
                outcome.End = ConnectionEndReason.Rejected;
                break;
            }

            if (_parser.InBody && _parser.Framing.ExpectContinue && !_continueSent)
            {
                _continueSent = true;
                Http1Responses.WriteContinue(output);
                outcome.WroteResponse = true;
            }

            break;
        }

        consumed = reader.Position;
        examined = status == ParseStatus.Incomplete ? buffer.End : reader.Position;
        return outcome;
    }

    private MirroredRequest StartRequest()
    {
        var request = _queue.Pool.Rent();
        request.Ingest = IngestKind.Mirror;
        request.ConnectionId = _connectionId;
        request.PeerAddress = _remote?.Address;
        request.PeerPort = _remote?.Port ?? 0;
        request.LocalAddress = _local?.Address;
        request.LocalPort = _local?.Port ?? 0;
        return request;
    }

    /// <summary>
    /// Deadlines: a whole head must arrive within the header timeout counted from its first byte (so a slow
    /// drip cannot extend it); a body must keep moving within the idle timeout; an idle connection gets the idle timeout.
    /// </summary>
    private void SetDeadline(long buffered)
    {
        var now = Environment.TickCount64;
        if (_parser.InBody)
        {
            _state.Deadline = now + (long)_settings.IdleTimeout.TotalMilliseconds;
        }
        else if (buffered > 0)
        {
            if (_headStarted == 0)
            {
                _headStarted = now;
            }

            _state.Deadline = _headStarted + (long)_settings.HeaderTimeout.TotalMilliseconds;
        }
        else
        {
            _headStarted = 0;
            _state.Deadline = now + (long)_settings.IdleTimeout.TotalMilliseconds;
        }
    }

    private async Task<ConnectionEndReason> TimedOutAsync(ReadOnlySequence<byte> buffer)
    {
        var stalledBody = _parser.InBody;
        var partialHead = !stalledBody && !buffer.IsEmpty;
        if (!stalledBody && !partialHead)
        {
            _transport.Input.AdvanceTo(buffer.End);
            return ConnectionEndReason.IdleTimeout;
        }

        var request = _request ?? StartRequest();
        _request = null;
        request.Stall = stalledBody ? StallKind.Body : StallKind.Head;
        if (partialHead)
        {
            request.CaptureRaw(buffer, _settings.MaxEvidenceBytes); // before AdvanceTo hands the memory back
        }

        _transport.Input.AdvanceTo(buffer.End);
        _queue.Submit(request);
        if (partialHead)
        {
            // RFC 9110 §15.5.9: the server closes a connection that did not send a whole request in time.
            Http1Responses.WriteError(_transport.Output, _heartbeat.DateHeader, 408);
            await _transport.Output.FlushAsync().ConfigureAwait(false);
        }

        return stalledBody ? ConnectionEndReason.BodyTimeout : ConnectionEndReason.HeaderTimeout;
    }

    /// <summary>A request whose head was in when the connection ended is still analysed, with what arrived.</summary>
    private ConnectionEndReason EndWithPartialRequest(ConnectionEndReason reason)
    {
        if (_request is { HasHead: true } request)
        {
            _request = null;
            _queue.Submit(request);
        }

        return reason;
    }

    private struct Outcome
    {
        public bool WroteResponse;
        public ConnectionEndReason? End;
    }
}
