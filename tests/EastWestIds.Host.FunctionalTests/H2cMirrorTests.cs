using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EastWestIds.Host.FunctionalTests.Infrastructure;

namespace EastWestIds.Host.FunctionalTests;

/// <summary>HTTP/2 with prior knowledge (how a sidecar mirrors gRPC) on the same port as HTTP/1.1.</summary>
public sealed class H2cMirrorTests
{
    [Fact]
    public async Task GrpcStylePost_OverH2c_AnalysedAsTheSameRequestModel()
    {
        await using var sink = await SinkServer.StartAsync();
        using var client = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{sink.MirrorPort}/reviews.v1.Reviews/Get")
        {
            Content = new ByteArrayContent([0, 0, 0, 0, 3, 1, 2, 3]),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.Host = "reviews-shadow:9080";
        request.Headers.Add("x-request-id", "h2c-1");
        request.Headers.TryAddWithoutValidation("x-forwarded-client-cert", MirrorRequests.Xfcc);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Version(2, 0), response.Version);
        var record = (await sink.Alerts.WaitForAsync(r => r.Count >= 1, what: "the h2 record")).Single(r => r.GetProperty("event_type").GetString() == "http");
        Assert.Equal("HTTP/2", record.GetProperty("http").GetProperty("protocol").GetString());
        Assert.Equal("http2", record.GetProperty("app_proto").GetString());
        Assert.Equal(8, record.GetProperty("http").GetProperty("length").GetInt64());
        var mesh = record.GetProperty("mesh");
        Assert.Equal(MirrorRequests.Caller, mesh.GetProperty("source_principal").GetString());
        Assert.Equal("reviews", mesh.GetProperty("destination_service_name").GetString());
        Assert.Equal(9080, mesh.GetProperty("destination_port").GetInt32());
        Assert.Equal(1, await sink.MetricAsync("eastwestids_requests_received_total{ingest=\"mirror\",protocol=\"http2\"}"));
    }

    [Fact]
    public async Task GrpcStringField_OverH2c_ReadByArgumentRules()
    {
        // A gRPC call as a sidecar mirrors it: HTTP/2 with prior knowledge, a length-prefixed protobuf message whose
        // nested string field holds the injection. The rule reads http.arg, which only the protobuf reading fills.
        using var rules = new TempRules(
            "alert http any any -> any any (msg:\"union in an argument\"; http.arg; content:\"union select\"; nocase; classtype:web-application-attack; sid:1000002; rev:1;)");
        await using var sink = await SinkServer.StartAsync(o => o with { Rules = rules.Sources });
        byte[] inner = [0x0A, .. Length("1 UNION SELECT password FROM users")];
        byte[] message = [0x0A, .. Length("shoes"), 0x1A, (byte)inner.Length, .. inner, 0x20, 0x14];
        using var client = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{sink.MirrorPort}/shop.v1.Orders/Search")
        {
            Content = new ByteArrayContent([0, 0, 0, 0, (byte)message.Length, .. message]),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.Host = "orders-shadow:9080";
        request.Headers.TryAddWithoutValidation("x-forwarded-client-cert", MirrorRequests.Xfcc);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alerts = await sink.Alerts.WaitForAsync(r => r.Any(x => x.GetProperty("event_type").GetString() == "alert"), what: "the rule's alert");
        var alert = alerts.Single(x => x.GetProperty("event_type").GetString() == "alert");
        Assert.Equal(1000002, alert.GetProperty("alert").GetProperty("signature_id").GetInt32());
        Assert.Contains("UNION SELECT", alert.GetProperty("mesh").GetProperty("evidence").GetString(), StringComparison.Ordinal);

        static byte[] Length(string text) => [(byte)text.Length, .. Encoding.UTF8.GetBytes(text)];
    }

    [Fact]
    public async Task Http1AndH2c_OnTheSamePort_BothServed()
    {
        await using var sink = await SinkServer.StartAsync();
        using var h2 = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var h1 = new HttpClient { DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var r2 = await h2.GetAsync($"http://127.0.0.1:{sink.MirrorPort}/a");
        using var r1 = await h1.GetAsync($"http://127.0.0.1:{sink.MirrorPort}/b");

        Assert.Equal(HttpStatusCode.OK, r2.StatusCode);
        Assert.Equal(HttpStatusCode.OK, r1.StatusCode);
        await sink.Alerts.WaitForAsync(r => r.Count(x => x.GetProperty("event_type").GetString() == "http") == 2, what: "both records");
    }

    [Fact]
    public async Task GrpcPort_ServesH2cAndHttp1_LikeTheMirrorPort()
    {
        await using var sink = await SinkServer.StartAsync(o => o with { GrpcPort = 0 });
        Assert.NotNull(sink.GrpcPort);
        Assert.NotEqual(sink.MirrorPort, sink.GrpcPort);
        using var h2 = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var h1 = new HttpClient { DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var r2 = await h2.GetAsync($"http://127.0.0.1:{sink.GrpcPort}/reviews.v1.Reviews/Get");
        using var r1 = await h1.GetAsync($"http://127.0.0.1:{sink.GrpcPort}/b");

        Assert.Equal(HttpStatusCode.OK, r2.StatusCode);
        Assert.Equal(HttpStatusCode.OK, r1.StatusCode);
        var records = await sink.Alerts.WaitForAsync(r => r.Count(x => x.GetProperty("event_type").GetString() == "http") == 2, what: "both records");
        Assert.Contains(records, r => r.GetProperty("http").GetProperty("protocol").GetString() == "HTTP/2");
    }
}
