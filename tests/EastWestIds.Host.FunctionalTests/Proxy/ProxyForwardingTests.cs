using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using EastWestIds.Host.Proxy;

namespace EastWestIds.Host.FunctionalTests.Proxy;

/// <summary>What passes through <c>ewids proxy</c> untouched, checked against a real upstream with a real client.</summary>
public sealed class ProxyForwardingTests
{
    internal const string TrustedXfcc = MirrorRequests.Xfcc;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BenignPost_ReachesUpstream_WithBodyHeadersAndStatus(bool enforce)
    {
        var mode = enforce ? ProxyMode.Enforce : ProxyMode.Monitor;
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with { Mode = mode });
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
        var body = "{\"rating\": 5, \"text\": \"" + new string('x', 100_000) + "\"}"; // past the 64 KiB inspection budget
        using var request = new HttpRequestMessage(HttpMethod.Post, "/reviews/1?lang=en") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-forwarded-client-cert", TrustedXfcc);
        request.Headers.Add("x-request-id", "req-benign-1");
        request.Headers.Add("x-custom", "kept");
        request.Headers.Add("x-reply-status", "201");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("recording", response.Headers.GetValues("x-upstream").Single());
        Assert.Equal($"upstream saw POST /reviews/1 with {Encoding.UTF8.GetByteCount(body)} bytes", await response.Content.ReadAsStringAsync());
        var received = Assert.Single(upstream.Received);
        Assert.Equal("/reviews/1?lang=en", received.PathAndQuery);
        Assert.Equal(body, Encoding.UTF8.GetString(received.Body));
        Assert.Equal("kept", received.Headers["x-custom"]);
        Assert.Equal("req-benign-1", received.Headers["x-request-id"]);
        Assert.Equal(TrustedXfcc, received.Headers["x-forwarded-client-cert"]);
        Assert.Equal("application/json; charset=utf-8", received.Headers["content-type"]);
        Assert.Empty(proxy.Alerts.OfType("alert"));
        var outcome = mode == ProxyMode.Enforce ? "enforce" : "monitor";
        Assert.Equal(1, await proxy.WaitForMetricAsync(ProxyServer.Outcome(outcome, "forwarded"), 1));
        Assert.Equal(1, await proxy.MetricAsync("eastwestids_requests_analysed_total{ingest=\"inline\"}"));
    }

    [Fact]
    public async Task HopByHopHeaders_AreNotForwarded_ForwardedHeadersAreAdded()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with { Mode = ProxyMode.Enforce });
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hop");
        request.Headers.Add("x-forwarded-client-cert", TrustedXfcc);
        request.Headers.TryAddWithoutValidation("Keep-Alive", "timeout=5");
        request.Headers.TryAddWithoutValidation("Proxy-Connection", "keep-alive");
        request.Headers.TryAddWithoutValidation("TE", "trailers");
        request.Headers.Host = "reviews.default.svc.cluster.local:9080";

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(upstream.Received);
        Assert.False(received.Headers.ContainsKey("keep-alive"));
        Assert.False(received.Headers.ContainsKey("proxy-connection"));
        Assert.False(received.Headers.ContainsKey("te"));
        // YARP's defaults: the upstream's own authority as Host, the original one in X-Forwarded-Host, the client in X-Forwarded-For.
        Assert.Equal($"127.0.0.1:{upstream.Http1Port}", received.Headers["host"]);
        Assert.Equal("reviews.default.svc.cluster.local:9080", received.Headers["x-forwarded-host"]);
        Assert.Equal("127.0.0.1", received.Headers["x-forwarded-for"]);
        Assert.Equal("http", received.Headers["x-forwarded-proto"]);
    }

    [Fact]
    public async Task Http2_GrpcStyleCall_PassesWithTrailers()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with
        {
            Mode = ProxyMode.Enforce,
            ListenProtocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2,
            Upstream = new Uri($"http://127.0.0.1:{upstream.Http2Port}"),
            UpstreamVersion = HttpVersion.Version20,
        });
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
        // One length-prefixed gRPC message: enforce mode reads exactly it, judges it, then forwards.
        var message = new byte[] { 0, 0, 0, 0, 3, 1, 2, 3 };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/pkg.Service/Method")
        {
            Content = new ByteArrayContent(message),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.Add("x-forwarded-client-cert", TrustedXfcc);
        request.Headers.TryAddWithoutValidation("te", "trailers");

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("upstream saw POST /pkg.Service/Method with 8 bytes", text);
        Assert.Equal("done", response.TrailingHeaders.GetValues("x-upstream-trailer").Single());
        var received = Assert.Single(upstream.Received);
        Assert.Equal("HTTP/2", received.Protocol);
        Assert.Equal(message, received.Body);
        Assert.Equal("trailers", received.Headers["te"]);
    }

    [Fact]
    public async Task WebSocketUpgrade_InEnforceMode_IsJudgedOnItsHeadAndPassesThrough()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with { Mode = ProxyMode.Enforce });
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("x-forwarded-client-cert", TrustedXfcc);

        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{proxy.Port}/ws"), CancellationToken.None);
        await socket.SendAsync("hello through the proxy"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[256];
        var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);

        Assert.Equal("hello through the proxy", Encoding.UTF8.GetString(buffer, 0, result.Count));
        Assert.Equal(1, await proxy.MetricAsync(ProxyServer.Outcome("enforce", "forwarded")));
    }

    [Fact]
    public async Task UnreachableUpstream_Is502_CountedAndLoggedWithItsCause()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        // Bound but never listening: a connect is refused, and the port stays ours, so no other test's server can
        // take it meanwhile (as a closed listener's port could be).
        using var closed = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var closedPort = ((IPEndPoint)closed.LocalEndPoint!).Port;
        var logs = new CapturedLogs();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with
        {
            Mode = ProxyMode.Enforce,
            Upstream = new Uri($"http://127.0.0.1:{closedPort}"),
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Debug,
        }, logs: logs);
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("x-forwarded-client-cert", TrustedXfcc);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(1, await proxy.MetricAsync("eastwestids_inline_forward_errors_total{error=\"request\"}"));
        var line = Assert.Single(logs.Lines, l => l.Contains("Forwarding POST /orders failed", StringComparison.Ordinal));
        Assert.Contains("(Request); answered 502", line, StringComparison.Ordinal);
        Assert.Contains("Connection refused", line, StringComparison.Ordinal); // the exception, so an admin sees why
    }
}
