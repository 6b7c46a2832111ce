using System.Text.Json;
using EastWestIds.Host.FunctionalTests.Infrastructure;

namespace EastWestIds.Host.FunctionalTests;

/// <summary>
/// Long request lines and header fields, over a real socket, with the sink's default limits: Envoy counts the path
/// against its 60 KiB of headers and mirrors such a request unchanged, so the sink must inspect it rather than refuse
/// it unread.
/// </summary>
public sealed class LongRequestLineMirrorTests
{
    [Fact]
    public async Task QueryPaddedPast8KiB_IsInspected_NotRefused()
    {
        using var rules = new TempRules(
            "alert http any any -> any any (msg:\"union in an argument\"; http.arg; content:\"union select\"; nocase; classtype:web-application-attack; sid:1000003; rev:1;)");
        await using var sink = await SinkServer.StartAsync(o => o with { Rules = rules.Sources });
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);
        string target = "/reviews?pad=" + new string('a', 40 * 1024) + "&id=1%27%20UNION%20SELECT%20password%20FROM%20users--";

        await client.SendAsync($"GET {target} HTTP/1.1\r\nhost: reviews:9080\r\nx-request-id: long-1\r\nx-forwarded-client-cert: {MirrorRequests.Xfcc}\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200", (await client.ReadResponsesAsync(1))[0]);
        var records = await sink.Alerts.WaitForAsync(r => Sids(r).Contains(1000003), what: "the rule's alert");
        Assert.DoesNotContain(9100020, Sids(records));
    }

    /// <summary>
    /// A 20 KiB path and a 36 KiB application header over h2c, as a sidecar mirrors an HTTP/2 service (56 KiB, within
    /// Envoy's 60): Kestrel's own limit on one HTTP/2 header field (32 KiB) answered a COMPRESSION_ERROR that closed the
    /// whole connection, every other mirrored stream on it too.
    /// </summary>
    [Fact]
    public async Task LongPathAndHeaderOverH2c_AreInspected()
    {
        using var rules = new TempRules(
            "alert http any any -> any any (msg:\"union in an argument\"; http.arg; content:\"union select\"; nocase; classtype:web-application-attack; sid:1000003; rev:1;)\n"
            + "alert http any any -> any any (msg:\"marker in a header value\"; http.header_value; content:\"EWIDS-MARKER\"; classtype:web-application-attack; sid:1000004; rev:1;)");
        await using var sink = await SinkServer.StartAsync(o => o with { Rules = rules.Sources });
        using var client = new HttpClient { DefaultRequestVersion = System.Net.HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"http://127.0.0.1:{sink.MirrorPort}/reviews?pad={new string('a', 20 * 1024)}&id=1%27%20UNION%20SELECT%20password%20FROM%20users--")
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Host = "reviews-shadow:9080";
        request.Headers.TryAddWithoutValidation("x-forwarded-client-cert", MirrorRequests.Xfcc);
        request.Headers.TryAddWithoutValidation("x-tenant-id", new string('t', 36 * 1024) + "EWIDS-MARKER");

        using var response = await client.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var records = await sink.Alerts.WaitForAsync(r => Sids(r).Contains(1000003) && Sids(r).Contains(1000004), what: "both rules' alerts");
        Assert.DoesNotContain(9100020, Sids(records));
    }

    private static IEnumerable<int> Sids(IEnumerable<JsonElement> records) => records
        .Where(r => r.GetProperty("event_type").GetString() == "alert")
        .Select(r => r.GetProperty("alert").GetProperty("signature_id").GetInt32());
}
