using System.Buffers;
using EastWestIds.Engine.Analysis;
using EastWestIds.Engine.Inspection;
using EastWestIds.Host.Hosting;
using Microsoft.AspNetCore.Http;

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
            HttpContextCapture.CaptureConnection(context, request, IngestKind.Mirror);
            var capture = new MirroredRequestCapture(request, _settings.MaxInspectedBodyBytes, _settings.MaxInspectedBodyTailBytes);
            HttpContextCapture.CaptureHead(context, capture, ref scratch);

            var body = context.Request.BodyReader;
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

            HttpContextCapture.CaptureTrailers(context, capture);

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
}
