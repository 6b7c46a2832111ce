using System.Net;
using System.Text;
using EastWestIds.Host.FunctionalTests.Infrastructure;
using EastWestIds.Host.FunctionalTests.Proxy;

namespace EastWestIds.Host.FunctionalTests;

/// <summary>
/// RFC 9110 §5.5 lets a field value carry obs-text (bytes 0x80–0xFF) and Envoy passes them on, so a header that is not
/// valid UTF-8 reaches the service behind. Kestrel reads header values as UTF-8 by default and refuses such a request
/// before any application code runs; on the h2c mirror port and in the inline proxy the whole request, payload and all,
/// would then go uninspected, where the HTTP/1.1 mirror port reads the bytes as they came.
/// </summary>
public sealed class NonUtf8HeaderTests
{
    private const string Rule =
        "alert http any any -> any any (msg:\"union select in a header\"; http.header; content:\"union select\"; nocase; classtype:web-application-attack; sid:1000003; rev:1;)";

    // "café" in Latin-1 (0xE9 alone is not UTF-8), then the payload.
    private const string Value = "caf\u00e9' UNION SELECT password FROM users--";

    [Fact]
    public async Task Http11MirrorPort_InspectsTheRequest()
    {
        using var rules = new TempRules(Rule);
        await using var sink = await SinkServer.StartAsync(o => o with { Rules = rules.Sources });
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);

        await client.SendAsync(Encoding.Latin1.GetBytes($"GET /reviews/0 HTTP/1.1\r\nHost: reviews-shadow:9080\r\nx-forwarded-client-cert: {MirrorRequests.Xfcc}\r\nx-note: {Value}\r\n\r\n"));

        await sink.Alerts.WaitForAsync(r => r.Any(IsTheRule), what: "the rule's alert");
    }

    [Fact]
    public async Task H2cMirrorPort_InspectsTheRequest()
    {
        using var rules = new TempRules(Rule);
        await using var sink = await SinkServer.StartAsync(o => o with { Rules = rules.Sources });
        using var client = Latin1Client();
        using var request = Request($"http://127.0.0.1:{sink.MirrorPort}/reviews/0", HttpVersion.Version20);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await sink.Alerts.WaitForAsync(r => r.Any(IsTheRule), what: "the rule's alert");
    }

    [Fact]
    public async Task Proxy_InspectsTheRequest()
    {
        using var rules = new TempRules(Rule);
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream, o => o with { Rules = rules.Sources });
        using var client = Latin1Client();
        using var request = Request($"{proxy.BaseAddress}reviews/0", HttpVersion.Version11);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await proxy.Alerts.WaitForAsync(r => r.Any(IsTheRule), what: "the rule's alert");
        // Forwarded with the bytes that came (the upstream reads them one char per byte).
        Assert.Equal(Value, Assert.Single(upstream.Received).Headers["x-note"]);
    }

    [Fact]
    public async Task Proxy_ForwardsAUtf8HeaderValue_ByteForByte()
    {
        await using var upstream = await RecordingUpstream.StartAsync();
        await using var proxy = await ProxyServer.StartAsync(upstream);
        using var client = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{proxy.BaseAddress}reviews/0");
        request.Headers.TryAddWithoutValidation("x-customer", "José Müller");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Encoding.UTF8.GetBytes("José Müller"), Encoding.Latin1.GetBytes(Assert.Single(upstream.Received).Headers["x-customer"]));
    }

    private static bool IsTheRule(System.Text.Json.JsonElement record) =>
        record.GetProperty("event_type").GetString() == "alert" && record.GetProperty("alert").GetProperty("signature_id").GetInt32() == 1000003;

    private static HttpClient Latin1Client() => new(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1 });

    private static HttpRequestMessage Request(string uri, Version version)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri) { Version = version, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        request.Headers.Host = "reviews-shadow:9080";
        request.Headers.TryAddWithoutValidation("x-forwarded-client-cert", MirrorRequests.Xfcc);
        request.Headers.TryAddWithoutValidation("x-note", Value);
        return request;
    }
}
