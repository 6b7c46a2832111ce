using System.Text;
using System.Text.Json;
using EastWestIds.Host.FunctionalTests.Infrastructure;

namespace EastWestIds.Host.FunctionalTests;

/// <summary>The mirror port over a real loopback socket: framing, answers, and what reaches analysis.</summary>
public sealed class MirrorListenerTests
{
    private static string RequestId(JsonElement record) => record.GetProperty("mesh").GetProperty("request_id").GetString()!;

    [Fact]
    public async Task DesignExample_Answers200_AndRecordsCallerAndCallee()
    {
        await using var sink = await SinkServer.StartAsync();
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);

        await client.SendAsync(MirrorRequests.DesignExample());
        var responses = await client.ReadResponsesAsync(1);

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", responses[0]);
        Assert.Contains("Content-Length: 0\r\n", responses[0]);
        var records = await sink.Alerts.WaitForAsync(r => r.Any(x => x.GetProperty("event_type").GetString() == "http"), what: "the http record");
        var http = records.Single(r => r.GetProperty("event_type").GetString() == "http");
        var mesh = http.GetProperty("mesh");
        Assert.Equal(MirrorRequests.Caller, mesh.GetProperty("source_principal").GetString());
        Assert.Equal("default", mesh.GetProperty("source_namespace").GetString());
        Assert.Equal("bookinfo-productpage", mesh.GetProperty("source_service_account").GetString());
        Assert.Equal("reviews", mesh.GetProperty("destination_service_name").GetString());
        Assert.Equal("default", mesh.GetProperty("destination_service_namespace").GetString());
        Assert.Equal("reviews.default.svc.cluster.local", mesh.GetProperty("destination_service").GetString());
        Assert.Equal(9080, mesh.GetProperty("destination_port").GetInt32());
        Assert.True(mesh.GetProperty("shadow_suffix").GetBoolean());
        Assert.Equal("7f7344ac-039a-99ee-910b-7a1716fa9a6e", mesh.GetProperty("request_id").GetString());
        Assert.Equal("d605f723bc9ff6b76e19334ef7882929", mesh.GetProperty("trace_id").GetString());
        Assert.Equal("reviews", http.GetProperty("http").GetProperty("hostname").GetString());
        Assert.Equal("/reviews/0", http.GetProperty("http").GetProperty("url").GetString());
        Assert.Equal("10.1.0.52", http.GetProperty("src_ip").GetString());
        Assert.Empty(sink.Alerts.OfType("alert"));
    }

    [Fact]
    public async Task Pipelined_SixteenRequestsInOneWrite_AllAnsweredInOrder_AllAnalysed()
    {
        await using var sink = await SinkServer.StartAsync();
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);
        var ids = Enumerable.Range(0, 16).Select(i => $"pipelined-{i}").ToArray();

        await client.SendAsync(string.Concat(ids.Select(id => MirrorRequests.DesignExample(id))));
        var responses = await client.ReadResponsesAsync(16);

        Assert.Equal(16, responses.Count);
        Assert.All(responses, r => Assert.StartsWith("HTTP/1.1 200 OK", r));
        var records = await sink.Alerts.WaitForAsync(r => r.Count(x => x.GetProperty("event_type").GetString() == "http") == 16, what: "16 http records");
        Assert.Equal(ids.Order(StringComparer.Ordinal), records.Select(RequestId).Order(StringComparer.Ordinal));
        Assert.Equal(16, await sink.MetricAsync("eastwestids_requests_received_total{ingest=\"mirror\",protocol=\"http1\"}"));
    }

    [Fact]
    public async Task KeepAlive_SequentialRequests_ShareOneConnection()
    {
        await using var sink = await SinkServer.StartAsync();
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);

        for (var i = 1; i <= 3; i++)
        {
            await client.SendAsync(MirrorRequests.DesignExample($"keepalive-{i}"));
            var responses = await client.ReadResponsesAsync(i);
            Assert.Equal(i, responses.Count);
        }

        await sink.Alerts.WaitForAsync(r => r.Count == 3, what: "3 records");
        Assert.Single(sink.Alerts.OfType("http").Select(r => r.GetProperty("flow_id").GetInt64()).Distinct());
    }

    [Fact]
    public async Task ConnectionClose_AnsweredWithClose_ThenClosed()
    {
        await using var sink = await SinkServer.StartAsync();
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);

        await client.SendAsync("GET / HTTP/1.1\r\nHost: reviews:9080\r\nConnection: close\r\n\r\n");
        var all = await client.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", all);
        Assert.Contains("Connection: close\r\n", all);
    }

    [Fact]
    public async Task Http10_WithoutKeepAlive_AnsweredThenClosed()
    {
        await using var sink = await SinkServer.StartAsync();
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);

        await client.SendAsync("GET /ratings HTTP/1.0\r\nHost: ratings\r\n\r\n");
        var all = await client.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", all);
        var record = (await sink.Alerts.WaitForAsync(r => r.Any(x => x.GetProperty("event_type").GetString() == "http"))).First(x => x.GetProperty("event_type").GetString() == "http");
        Assert.Equal("HTTP/1.0", record.GetProperty("http").GetProperty("protocol").GetString());
    }

    [Fact]
    public async Task ChunkedBody_WithExtensionAndTrailer_FramedAndMeasured()
    {
        await using var sink = await SinkServer.StartAsync();
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);

        await client.SendAsync(
            "POST /upload HTTP/1.1\r\nHost: reviews:9080\r\nTransfer-Encoding: chunked\r\nx-request-id: chunked-1\r\n\r\n" +
            "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nx-checksum: abc\r\n\r\n" +
            MirrorRequests.DesignExample("after-chunked"));
        var responses = await client.ReadResponsesAsync(2);

        Assert.Equal(2, responses.Count);
        var records = await sink.Alerts.WaitForAsync(r => r.Count(x => x.GetProperty("event_type").GetString() == "http") == 2);
        var chunked = records.Single(r => r.GetProperty("event_type").GetString() == "http" && RequestId(r) == "chunked-1");
        Assert.Equal(11, chunked.GetProperty("http").GetProperty("length").GetInt64());
    }

    [Fact]
    public async Task SlowDrip_OneByteAtATime_StillFramed()
    {
        // Framing, not deadlines (RejectionTests has those): a 1 ms pause can take 30 ms on a loaded CI machine, and
        // the default test header timeout (5 s) then ended the head mid-drip with a 408 (CI run of 70b3e1a).
        await using var sink = await SinkServer.StartAsync(o => o with { HeaderTimeout = TimeSpan.FromMinutes(2) });
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);

        await client.DripAsync(Encoding.ASCII.GetBytes(MirrorRequests.Post("drip-1", "{\"a\":1}")), TimeSpan.FromMilliseconds(1));
        var responses = await client.ReadResponsesAsync(1);

        Assert.StartsWith("HTTP/1.1 200 OK", responses[0]);
        var record = (await sink.Alerts.WaitForAsync(r => r.Any(x => x.GetProperty("event_type").GetString() == "http"))).Single(x => x.GetProperty("event_type").GetString() == "http");
        Assert.Equal(7, record.GetProperty("http").GetProperty("length").GetInt64());
    }

    [Fact]
    public async Task Expect100Continue_ContinueSentBeforeBody_ThenOk()
    {
        await using var sink = await SinkServer.StartAsync();
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);

        await client.SendAsync("POST /r HTTP/1.1\r\nHost: reviews:9080\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
        var first = await client.ReadResponsesAsync(1);
        Assert.StartsWith("HTTP/1.1 100 Continue", first[0]);

        await client.SendAsync("body");
        var both = await client.ReadResponsesAsync(2);
        Assert.StartsWith("HTTP/1.1 200 OK", both[1]);
    }

    [Fact]
    public async Task LargeBody_BeyondBudget_DrainedAndCounted()
    {
        await using var sink = await SinkServer.StartAsync(o => o with { Inspection = o.Inspection with { MaxInspectedBodyBytes = 1024, MaxInspectedBodyTailBytes = 2048 } });
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);
        var body = new string('x', 1024 * 1024);

        await client.SendAsync(MirrorRequests.Post("large-1", body, "text/plain") + MirrorRequests.DesignExample("after-large"));
        var responses = await client.ReadResponsesAsync(2);

        Assert.Equal(2, responses.Count);
        var records = await sink.Alerts.WaitForAsync(r => r.Count(x => x.GetProperty("event_type").GetString() == "http") == 2);
        Assert.Equal(1024 * 1024, records.Single(r => RequestId(r) == "large-1").GetProperty("http").GetProperty("length").GetInt64());
        Assert.Equal(1024 * 1024 - 1024 - 2048, await sink.MetricAsync("eastwestids_body_uninspected_bytes_total"));
    }

    [Fact]
    public async Task TruncatedRequest_ClientClosesMidHead_CountedNotAnswered()
    {
        await using var sink = await SinkServer.StartAsync();
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);

        await client.SendAsync("GET /reviews/0 HTTP/1.1\r\nHost: rev");
        client.ShutdownSend();
        var all = await client.ReadToEndAsync();

        Assert.Equal(string.Empty, all);
        await WaitForMetricAsync(sink, "eastwestids_connections_closed_total{reason=\"truncated_request\"}", 1);
    }

    internal static async Task WaitForMetricAsync(SinkServer sink, string sample, double expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        double value;
        while ((value = await sink.MetricAsync(sample)) != expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{sample} is {value}, expected {expected}");
            }

            await Task.Delay(20);
        }
    }
}
