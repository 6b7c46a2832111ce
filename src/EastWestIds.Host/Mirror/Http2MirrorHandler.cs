using System.Buffers;
using System.Text;
using EastWestIds.Engine.Analysis;
using EastWestIds.Engine.Inspection;
using EastWestIds.Http.Http1;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace EastWestIds.Host.Mirror;

/// <summary>
/// HTTP/2 mirrors (gRPC, h2c with prior knowledge) arrive through Kestrel's own HTTP/2 as <see cref="HttpContext"/>s.
/// This feeds each one through the same <see cref="MirroredRequestCapture"/> callbacks as HTTP/1.1, so the engine
/// sees the same request model whatever the protocol, then answers 200 with no body.
/// </summary>
internal sealed class Http2MirrorHandler
{
    private readonly AnalysisQueue _queue;
    private readonly MirrorSettings _settings;

    public Http2MirrorHandler(AnalysisQueue queue, MirrorSettings settings)
    {
        _queue = queue;
        _settings = settings;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = _queue.Pool.Rent();
        var submitted = false;
        var scratch = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            var connection = context.Connection;
            request.Ingest = IngestKind.Mirror;
            request.ConnectionId = (uint)connection.Id.GetHashCode(StringComparison.Ordinal);
            request.PeerAddress = connection.RemoteIpAddress;
            request.PeerPort = connection.RemotePort;
            request.LocalAddress = connection.LocalIpAddress;
            request.LocalPort = connection.LocalPort;

            var capture = new MirroredRequestCapture(request, _settings.MaxInspectedBodyBytes);
            var http = context.Request;
            var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.Path + http.QueryString).ToString();
            var form = http.Method == HttpMethods.Connect ? RequestTargetForm.Authority
                : rawTarget == "*" ? RequestTargetForm.Asterisk
                : RequestTargetForm.Origin;
            var methodLength = Encoding.UTF8.GetByteCount(http.Method);
            var targetLength = Encoding.UTF8.GetByteCount(rawTarget);
            Ensure(ref scratch, methodLength + targetLength);
            Encoding.UTF8.GetBytes(http.Method, scratch);
            Encoding.UTF8.GetBytes(rawTarget, scratch.AsSpan(methodLength));
            capture.OnStartLine(scratch.AsSpan(0, methodLength), scratch.AsSpan(methodLength, targetLength), HttpVersion.Http2, form);
            foreach (var (name, values) in http.Headers)
            {
                foreach (var value in values)
                {
                    var nameLength = Encoding.UTF8.GetByteCount(name);
                    var valueLength = Encoding.UTF8.GetByteCount(value ?? string.Empty);
                    Ensure(ref scratch, nameLength + valueLength);
                    Encoding.UTF8.GetBytes(name, scratch);
                    Encoding.UTF8.GetBytes(value ?? string.Empty, scratch.AsSpan(nameLength));
                    capture.OnHeader(scratch.AsSpan(0, nameLength), scratch.AsSpan(nameLength, valueLength));
                }
            }

            var length = http.ContentLength;
            capture.OnHeadersComplete(new RequestFraming(
                HttpVersion.Http2,
                length is null ? BodyFraming.None : BodyFraming.ContentLength,
                length ?? 0,
                KeepAlive: true,
                ExpectContinue: false));

            var body = http.BodyReader;
            while (true)
            {
                var result = await body.ReadAsync(context.RequestAborted).ConfigureAwait(false);
                foreach (var segment in result.Buffer)
                {
                    capture.OnBody(segment.Span);
                }

                body.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }

            if (http.SupportsTrailers() && http.CheckTrailersAvailable())
            {
                foreach (var (name, values) in context.Features.Get<IHttpRequestTrailersFeature>()?.Trailers ?? new HeaderDictionary())
                {
                    foreach (var value in values)
                    {
                        capture.OnTrailer(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(value ?? string.Empty));
                    }
                }
            }

            submitted = true;
            _queue.Submit(request);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentLength = 0;
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // The caller reset the stream; what arrived of a request with a head is still analysed.
            if (!submitted && request.HasHead)
            {
                submitted = true;
                _queue.Submit(request);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
            if (!submitted)
            {
                _queue.Pool.Return(request);
            }
        }
    }

    private static void Ensure(ref byte[] scratch, int length)
    {
        if (scratch.Length < length)
        {
            ArrayPool<byte>.Shared.Return(scratch);
            scratch = ArrayPool<byte>.Shared.Rent(length);
        }
    }
}
