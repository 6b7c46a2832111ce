using EastWestIds.Host.FunctionalTests.Infrastructure;
using EastWestIds.Host.Proxy;

namespace EastWestIds.Host.FunctionalTests.Proxy;

/// <summary>Request smuggling shapes sent to the proxy as raw bytes: what Kestrel lets through must still be judged.</summary>
public sealed class ProxySmugglingTests
{
    [Fact]
    public async Task ContentLengthWithTransferEncoding_Enforce_IsBlockedAsSmuggling()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with { Mode = ProxyMode.Enforce });
        await using var client = await RawHttpClient.ConnectAsync(proxy.Port);

        await client.SendAsync(
            "POST /reviews HTTP/1.1\r\nHost: reviews:9080\r\n" +
            $"x-forwarded-client-cert: {ProxyForwardingTests.TrustedXfcc}\r\n" +
            "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        var response = await client.ReadToEndAsync(); // the connection closes after a request framed both ways

        Assert.StartsWith("HTTP/1.1 403", response, StringComparison.Ordinal);
        Assert.Contains("\"sid\":9100010", response);
        Assert.Empty(upstream.Received);
        var alert = Assert.Single(proxy.Alerts.Alerts(9100010));
        Assert.Equal("blocked", alert.GetProperty("alert").GetProperty("action").GetString());
    }

    [Fact]
    public async Task ContentLengthWithTransferEncoding_Monitor_IsAlerted()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with { Mode = ProxyMode.Monitor });
        await using var client = await RawHttpClient.ConnectAsync(proxy.Port);

        await client.SendAsync(
            "POST /reviews HTTP/1.1\r\nHost: reviews:9080\r\n" +
            $"x-forwarded-client-cert: {ProxyForwardingTests.TrustedXfcc}\r\n" +
            "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        var responses = await client.ReadResponsesAsync(1);

        Assert.StartsWith("HTTP/1.1 200", responses[0], StringComparison.Ordinal);
        await proxy.Alerts.WaitForAsync(_ => proxy.Alerts.Alerts(9100010).Count == 1, what: "alert 9100010");
    }

    [Theory]
    [InlineData("Transfer-Encoding: xchunked\r\n")]
    [InlineData("Content-Length: 4\r\nContent-Length: 5\r\n")]
    [InlineData("Transfer-Encoding: chunked, identity\r\n")]
    public async Task ShapesKestrelRefuses_NeverReachTheUpstream(string framing)
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with { Mode = ProxyMode.Monitor });
        await using var client = await RawHttpClient.ConnectAsync(proxy.Port);

        await client.SendAsync($"POST /reviews HTTP/1.1\r\nHost: reviews:9080\r\n{framing}\r\n0\r\n\r\n");
        var responses = await client.ReadResponsesAsync(1);

        Assert.StartsWith("HTTP/1.1 400", responses[0], StringComparison.Ordinal);
        Assert.Empty(upstream.Received);
    }
}
