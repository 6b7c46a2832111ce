using System.Text.Json;
using EastWestIds.Host.FunctionalTests.Infrastructure;
using EastWestIds.TestCommon;

namespace EastWestIds.Host.FunctionalTests;

/// <summary>
/// Field shapes only HTTP/2 has, on the mirror port's h2c (how a sidecar mirrors to a port declared for gRPC): a client
/// may send its cookies as one <c>cookie</c> field per pair (RFC 9113 §8.2.3: "crumbs", which browsers and Envoy send
/// for better HPACK compression), and a header block may continue in CONTINUATION frames, split anywhere, inside a
/// value too. Neither may change what the rules see: the same request over HTTP/1.1 is the reference. (Kestrel joins
/// the crumbs with <c>"; "</c> as §8.2.3 asks, so a change in Kestrel, in the capture or in the cookie buffers that
/// loses a crumb fails here; HttpClient always sends one field, so <see cref="IngestParityTests"/> cannot see it.)
/// </summary>
public sealed class Http2FieldShapeTests
{
    private const string Payload = "1' UNION SELECT password FROM users--";

    [Fact]
    public async Task CookieCrumbs_RaiseWhatOneCookieHeaderRaises_WithTheSameEvidence()
    {
        await using var sink = await SinkServer.StartAsync(o => o with { Rules = SinkServer.ShippedRules });
        await using (var http1 = await RawHttpClient.ConnectAsync(sink.MirrorPort))
        {
            await http1.SendAsync(
                $"GET /reviews/0 HTTP/1.1\r\nHost: reviews-shadow:9080\r\nx-forwarded-client-cert: {MirrorRequests.Xfcc}\r\n" +
                $"x-request-id: one-header\r\nCookie: theme=dark; sess={Payload}; lang=en\r\n\r\n");
            Assert.Contains("200", Assert.Single(await http1.ReadResponsesAsync(1)), StringComparison.Ordinal);
        }

        await using var h2 = await RawHttp2Client.ConnectAsync(sink.MirrorPort);
        await h2.SendRequestAsync(1, [.. MirrorHead("crumbs"), ("cookie", "theme=dark"), ("cookie", $"sess={Payload}"), ("cookie", "lang=en")]);
        Assert.Equal("200", await h2.ReadResponseAsync(1));

        var alerts = await sink.Alerts.WaitForAsync(r => Found(r, "one-header").Count > 0 && Found(r, "crumbs").Count > 0, what: "both requests' alerts");
        var reference = Found(alerts, "one-header");
        Assert.Contains(reference, f => f.Contains("http.cookie_pair[1]@", StringComparison.Ordinal));
        Assert.Equal(reference, Found(await Settled(sink.Alerts), "crumbs"));
    }

    /// <summary>The payload's field cut in the middle of its value between the HEADERS frame and a CONTINUATION frame.</summary>
    [Fact]
    public async Task AHeaderBlockSplitInsideAValue_IsInspectedWhole()
    {
        await using var sink = await SinkServer.StartAsync(o => o with { Rules = SinkServer.ShippedRules });
        (string, string)[] fields = [.. MirrorHead("split"), ("x-note", $"caf\u00e9{Payload}")];
        int inside = fields.Sum(f => 3 + f.Item1.Length + f.Item2.Length) - Payload.Length / 2; // within the last value

        await using var h2 = await RawHttp2Client.ConnectAsync(sink.MirrorPort);
        await h2.SendRequestAsync(1, fields, splitAt: inside);
        Assert.Equal("200", await h2.ReadResponseAsync(1));

        var alerts = await sink.Alerts.WaitForAsync(r => Found(r, "split").Any(f => f.StartsWith("9408028 ", StringComparison.Ordinal)), what: "the header value's SQL injection");
        Assert.Contains(Found(alerts, "split"), f => f.Contains(Payload, StringComparison.Ordinal));
    }

    private static (string, string)[] MirrorHead(string requestId) =>
    [
        (":method", "GET"), (":scheme", "http"), (":authority", "reviews-shadow:9080"), (":path", "/reviews/0"),
        ("x-forwarded-client-cert", MirrorRequests.Xfcc), ("x-request-id", requestId),
    ];

    /// <summary>Each alert of the request, as its sid and evidence, and those of the rules collapsed into it.</summary>
    private static List<string> Found(IReadOnlyList<JsonElement> records, string requestId) =>
    [
        .. records
            .Where(r => r.GetProperty("event_type").GetString() == "alert"
                && r.GetProperty("mesh").TryGetProperty("request_id", out var id) && id.GetString() == requestId)
            .SelectMany(r =>
            {
                var mesh = r.GetProperty("mesh");
                var related = mesh.TryGetProperty("related", out var list) ? list.EnumerateArray().Select(Described) : [];
                return related.Prepend($"{r.GetProperty("alert").GetProperty("signature_id").GetInt32()} {Evidence(mesh)}");
            })
            .Order(StringComparer.Ordinal),
    ];

    private static string Described(JsonElement related) => $"{related.GetProperty("signature_id").GetInt32()} {Evidence(related)}";

    private static string? Evidence(JsonElement element) => element.TryGetProperty("evidence", out var evidence) ? evidence.GetString() : "";

    private static async Task<IReadOnlyList<JsonElement>> Settled(InMemoryAlertWriter alerts)
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        return alerts.Records;
    }
}
