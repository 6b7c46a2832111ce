using EastWestIds.Host.FunctionalTests.Infrastructure;

namespace EastWestIds.Host.FunctionalTests;

/// <summary>Bad input over a real socket: the status, the close, the counted reason and the alert.</summary>
public sealed class RejectionTests
{
    public static TheoryData<string, string, int, string, int> BadRequests => new()
    {
        // name, bytes, status, metric reason, sid
        { "garbage request line", "HELLO\r\n\r\n", 400, "invalid_request_line", 9100001 },
        { "both CL and TE", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, "content_length_with_transfer_encoding", 9100010 },
        { "conflicting CL", "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400, "conflicting_content_length", 9100011 },
        { "obfuscated TE", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n", 400, "obfuscated_transfer_encoding", 9100012 },
        { "bare LF", "GET / HTTP/1.1\nHost: a\n\n", 400, "bare_line_feed", 9100013 },
        { "obs-fold", "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n", 400, "header_line_folding", 9100013 },
        { "space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400, "invalid_header_name", 9100003 },
        { "missing host", "GET / HTTP/1.1\r\nUser-Agent: x\r\n\r\n", 400, "missing_host", 9100004 },
        { "HTTP/3.0", "GET / HTTP/3.0\r\nHost: a\r\n\r\n", 505, "unsupported_http_version", 9100002 },
        { "bad chunk size", "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400, "invalid_chunk_size", 9100006 },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadRequest_AnsweredWithStatus_Closed_Counted_Alerted(string name, string bytes, int status, string reason, int sid)
    {
        await using var sink = await SinkServer.StartAsync();
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);

        await client.SendAsync(bytes);
        var all = await client.ReadToEndAsync();

        Assert.True(all.StartsWith($"HTTP/1.1 {status} ", StringComparison.Ordinal), $"{name}: got {all}");
        Assert.Contains("Connection: close", all);
        await MirrorListenerTests.WaitForMetricAsync(sink, $"eastwestids_http_rejected_total{{reason=\"{reason}\"}}", 1);
        await sink.Alerts.WaitForAsync(_ => sink.Alerts.Alerts(sid).Count == 1, what: $"alert {sid}");
        var alert = sink.Alerts.Alerts(sid)[0];
        Assert.Equal(reason, alert.GetProperty("mesh").GetProperty("rejection").GetString());
        Assert.Equal(status, alert.GetProperty("mesh").GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task RequestLineOverLimit_Gets431()
    {
        await using var sink = await SinkServer.StartAsync(o => o with { Limits = o.Limits with { MaxRequestLineBytes = 256 } });
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);

        await client.SendAsync($"GET /{new string('a', 300)} HTTP/1.1\r\nHost: a\r\n\r\n");
        var all = await client.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 431 ", all);
        await sink.Alerts.WaitForAsync(_ => sink.Alerts.Alerts(9100020).Count == 1, what: "request line alert");
    }

    [Fact]
    public async Task HeaderBlockOverLimit_Gets431_WithoutWaitingForTheEnd()
    {
        await using var sink = await SinkServer.StartAsync(o => o with { Limits = o.Limits with { MaxHeaderBytes = 1024 } });
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);

        // Never terminated: the limit, not the end of the head, must trigger the answer.
        await client.SendAsync($"GET / HTTP/1.1\r\nHost: a\r\nX-Big: {new string('b', 2048)}");
        var all = await client.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 431 ", all);
        await MirrorListenerTests.WaitForMetricAsync(sink, "eastwestids_http_rejected_total{reason=\"headers_too_large\"}", 1);
    }

    [Fact]
    public async Task SlowHead_PastHeaderTimeout_Gets408_AndAlert()
    {
        await using var sink = await SinkServer.StartAsync(o => o with { HeaderTimeout = TimeSpan.FromMilliseconds(400) });
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);

        await client.SendAsync("GET /reviews/0 HTTP/1.1\r\nHost: revi");
        var all = await client.ReadToEndAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("HTTP/1.1 408 ", all);
        await sink.Alerts.WaitForAsync(_ => sink.Alerts.Alerts(9100030).Count == 1, what: "slow head alert");
        await MirrorListenerTests.WaitForMetricAsync(sink, "eastwestids_connections_closed_total{reason=\"header_timeout\"}", 1);
    }

    [Fact]
    public async Task SlowDripHead_CannotExtendTheHeaderTimeout()
    {
        await using var sink = await SinkServer.StartAsync(o => o with { HeaderTimeout = TimeSpan.FromMilliseconds(500) });
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);

        // One byte every 50 ms never completes the head within 500 ms, although no single gap is long.
        var drip = client.DripAsync(System.Text.Encoding.ASCII.GetBytes("GET /" + new string('a', 200)), TimeSpan.FromMilliseconds(50));
        var all = await client.ReadToEndAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("HTTP/1.1 408 ", all);
        await Assert.ThrowsAnyAsync<Exception>(() => drip); // the server closed on it
    }

    [Fact]
    public async Task IdleConnection_ClosedAfterIdleTimeout_WithoutAlert()
    {
        await using var sink = await SinkServer.StartAsync(o => o with { IdleTimeout = TimeSpan.FromMilliseconds(300) });
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);

        await client.SendAsync(MirrorRequests.DesignExample());
        var all = await client.ReadToEndAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("HTTP/1.1 200 OK", all);
        await MirrorListenerTests.WaitForMetricAsync(sink, "eastwestids_connections_closed_total{reason=\"idle_timeout\"}", 1);
        Assert.Empty(sink.Alerts.OfType("alert"));
    }
}
