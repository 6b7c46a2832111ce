using System.Net;
using EastWestIds.Host.Proxy;
using Microsoft.Extensions.Logging;

namespace EastWestIds.Host.FunctionalTests.Proxy;

/// <summary>Large bodies stream through the proxy: only the inspected prefix is ever held.</summary>
public sealed class ProxyStreamingTests
{
    private const long UploadSize = 200L * 1024 * 1024;
    private const long HoldAt = 100L * 1024 * 1024;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LargeUpload_IsForwardedWhileTheClientIsStillSending(bool enforce)
    {
        var mode = enforce ? ProxyMode.Enforce : ProxyMode.Monitor;
        await using var upstream = await RecordingUpstream.StartAsync();
        var budget = 0;
        var logs = new CapturedLogs();
        await using var proxy = await ProxyServer.StartAsync(upstream, o =>
        {
            // What is inspected: the head, and in monitor mode the tail as well (enforce mode judges before the end).
            budget = o.Inspection.MaxInspectedBodyBytes + (enforce ? 0 : o.Inspection.MaxInspectedBodyTailBytes);
            return o with { Mode = mode, LogLevel = LogLevel.Debug };
        }, logs: logs);
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
        // The client stops after 100 MB until the upstream has received 50 MB: a proxy that buffered the whole body
        // before forwarding would never let that happen, and the upload would fail.
        var content = new GeneratedContent(UploadSize, async sent =>
        {
            if (sent == HoldAt && !await upstream.WaitForUploadAsync(HoldAt / 2, TimeSpan.FromSeconds(60)))
            {
                throw new InvalidOperationException($"the upstream had {upstream.UploadBytes} bytes after the client sent {sent}: the proxy is buffering");
            }
        });
        using var request = new HttpRequestMessage(HttpMethod.Put, "/upload") { Content = content };
        request.Headers.Add("x-forwarded-client-cert", ProxyForwardingTests.TrustedXfcc);

        using var response = await client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"the proxy answered {(int)response.StatusCode} after the upstream had {upstream.UploadBytes} bytes; it logged:\n{logs}");
        Assert.Equal($"received {UploadSize}", await response.Content.ReadAsStringAsync());
        Assert.Equal(UploadSize, upstream.UploadBytes);
        Assert.True(content.HeldForUpstream, "the client never reached the hold point");
        Assert.Equal(UploadSize - budget, await proxy.WaitForMetricAsync("eastwestids_body_uninspected_bytes_total", UploadSize - budget));
    }

    /// <summary>A body generated on the fly in 64 KiB steps, with a callback after each step.</summary>
    private sealed class GeneratedContent(long size, Func<long, Task> afterChunk) : HttpContent
    {
        public bool HeldForUpstream { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[64 * 1024];
            new Random(7).NextBytes(chunk);
            long sent = 0;
            while (sent < size)
            {
                var take = (int)Math.Min(chunk.Length, size - sent);
                await stream.WriteAsync(chunk.AsMemory(0, take));
                sent += take;
                if (sent == HoldAt)
                {
                    await stream.FlushAsync();
                    await afterChunk(sent);
                    HeldForUpstream = true;
                }
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = size;
            return true;
        }
    }
}
