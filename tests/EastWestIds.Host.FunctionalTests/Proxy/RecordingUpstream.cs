using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EastWestIds.Host.FunctionalTests.Proxy;

/// <summary>
/// The service behind the proxy: a real Kestrel on loopback (HTTP/1.1 on one port, h2c on another) that records
/// every request it receives (head, body, trailers) and answers as the request asks: status from
/// <c>x-reply-status</c>, a response header, a body, and trailers on HTTP/2. <c>/upload</c> counts a streamed body
/// without keeping it; <c>/ws</c> is a WebSocket echo.
/// </summary>
public sealed class RecordingUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private long _uploadBytes;

    private RecordingUpstream(WebApplication app) => _app = app;

    public IReadOnlyList<ReceivedRequest> Received => _received.ToArray();

    public int Http1Port { get; private set; }

    public int Http2Port { get; private set; }

    /// <summary>Bytes of the <c>/upload</c> body received so far.</summary>
    public long UploadBytes => Interlocked.Read(ref _uploadBytes);

    public static async Task<RecordingUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            // Header bytes as they came (one char each), so a test can check that the proxy forwarded them unchanged.
            kestrel.RequestHeaderEncodingSelector = _ => System.Text.Encoding.Latin1;
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
        });
        var app = builder.Build();
        var upstream = new RecordingUpstream(app);
        app.UseWebSockets();
        app.Run(upstream.HandleAsync);
        await app.StartAsync();
        var ports = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a).Port).ToArray();
        upstream.Http1Port = ports[0];
        upstream.Http2Port = ports[1];
        return upstream;
    }

    /// <summary>Waits until the <c>/upload</c> body has reached <paramref name="bytes"/>; false after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForUploadAsync(long bytes, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (UploadBytes < bytes)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(5);
        }

        return true;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path == "/ws" && context.WebSockets.IsWebSocketRequest)
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[4096];
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, result.Count), result.MessageType, result.EndOfMessage, context.RequestAborted);
            }
        }

        if (request.Path == "/upload")
        {
            var chunk = new byte[64 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                Interlocked.Add(ref _uploadBytes, read);
            }

            _received.Enqueue(new ReceivedRequest(request.Method, request.Path + request.QueryString, request.Protocol, Headers(request.Headers), [], new Dictionary<string, string>(), UploadBytes));
            await context.Response.WriteAsync($"received {UploadBytes}");
            return;
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        var trailers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (request.SupportsTrailers() && request.CheckTrailersAvailable())
        {
            foreach (var (name, value) in context.Features.Get<IHttpRequestTrailersFeature>()!.Trailers)
            {
                trailers[name] = value.ToString();
            }
        }

        _received.Enqueue(new ReceivedRequest(request.Method, request.Path + request.QueryString, request.Protocol, Headers(request.Headers), body.ToArray(), trailers, body.Length));
        var response = context.Response;
        response.StatusCode = int.TryParse(request.Headers["x-reply-status"], out var status) ? status : 200;
        response.Headers["x-upstream"] = "recording";
        response.ContentType = "text/plain";
        if (response.SupportsTrailers())
        {
            response.DeclareTrailer("x-upstream-trailer");
        }

        await response.WriteAsync($"upstream saw {request.Method} {request.Path} with {body.Length} bytes");
        if (response.SupportsTrailers())
        {
            response.AppendTrailer("x-upstream-trailer", "done");
        }
    }

    private static Dictionary<string, string> Headers(IHeaderDictionary headers)
        => headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>What the upstream received.</summary>
public sealed record ReceivedRequest(
    string Method,
    string PathAndQuery,
    string Protocol,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    IReadOnlyDictionary<string, string> Trailers,
    long BodyLength);
