using EastWestIds.Core.IO;
using EastWestIds.Engine.Inspection;
using EastWestIds.Host.Hosting;
using Microsoft.AspNetCore.Http;

namespace EastWestIds.Host.Proxy;

/// <summary>
/// The request body as the forwarder sees it in monitor mode: the client's body, unchanged and undelayed, with a
/// copy of its first bytes taken on the way past. Once the copy holds the inspection budget, or the body ends, or the
/// forward is over (whichever comes first), the captured request is handed to inspection off the request path. With a
/// tail budget the capture goes on to the body's end and keeps its last bytes too, as the mirror port does, and is
/// handed over then. Copying the head once and, with a tail, each later byte once into the tail's ring (~27 GB/s,
/// bench/README "Session 25") is the only work added to the forwarding.
/// </summary>
internal sealed class MonitorTeeStream : ReadOnlyForwardStream
{
    private readonly Stream _inner;
    private readonly HttpContext _context;
    private readonly MirroredRequestCapture _capture;
    private readonly MirroredRequest _request;
    private readonly int _budget;
    private readonly bool _keepsTail;
    private readonly InlineInspector _inspector;
    private readonly Lock _gate = new();
    private long _seen;
    private long _pastSubmission;
    private bool _submitted;

    /// <summary>Tees the body of <paramref name="context"/> into <paramref name="request"/> through <paramref name="capture"/>;
    /// <paramref name="inspector"/> takes the request once <paramref name="budget"/> bytes went past (unless the capture
    /// <paramref name="keepsTail"/>), or at the end.</summary>
    public MonitorTeeStream(HttpContext context, MirroredRequest request, MirroredRequestCapture capture, int budget, bool keepsTail, InlineInspector inspector)
    {
        _inner = context.Request.Body;
        _context = context;
        _request = request;
        _capture = capture;
        _budget = budget;
        _keepsTail = keepsTail;
        _inspector = inspector;
    }

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        Observe(buffer[..read], buffer.Length);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Observe(buffer.Span[..read], buffer.Length);
        return read;
    }

    /// <summary>Body bytes the forwarder read after the capture was handed to inspection: never analysed. The
    /// forwarder reads one at a time, and this is read once the forward is over.</summary>
    public long BytesPastInspection => _pastSubmission;

    /// <summary>The forward is over: submits what was captured if the body never filled the budget or ended.</summary>
    public void Complete() => Submit(ended: false);

    /// <summary>Copies what a read returned (<paramref name="data"/>); <paramref name="asked"/> is the size of the read: a
    /// zero-byte read (the forwarder waits for data with one) is not the end of the body.</summary>
    private void Observe(ReadOnlySpan<byte> data, int asked)
    {
        if (asked == 0)
        {
            return;
        }

        if (_submitted)
        {
            _pastSubmission += data.Length;
            return;
        }

        lock (_gate)
        {
            if (_submitted)
            {
                _pastSubmission += data.Length;
                return;
            }

            if (data.IsEmpty)
            {
                SubmitLocked(ended: true);
                return;
            }

            _capture.OnBody(data); // keeps at most the budgets, counts the rest
            _seen += data.Length;
            if (_seen >= _budget && !_keepsTail)
            {
                SubmitLocked(ended: false);
            }
        }
    }

    private void Submit(bool ended)
    {
        lock (_gate)
        {
            if (!_submitted)
            {
                SubmitLocked(ended);
            }
        }
    }

    private void SubmitLocked(bool ended)
    {
        _submitted = true;
        if (ended)
        {
            HttpContextCapture.CaptureTrailers(_context, _capture); // trailers exist once the body was read to its end
        }
        else if (InspectionProxyStep.BodyGoesOn(_context, _seen))
        {
            // Judged before the end: what follows goes by unread (counted as it does, BytesPastInspection).
            _request.MarkBodyContinues();
        }

        _inspector.InspectInBackground(_request, countOutcome: true);
    }
}
