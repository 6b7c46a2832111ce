using System.Text.Json;
using EastWestIds.Host.FunctionalTests.Infrastructure;

namespace EastWestIds.Host.FunctionalTests;

/// <summary>
/// A query padded past 8 KiB, over a real socket, with the sink's default limits: Envoy counts the path against its
/// 60 KiB of headers and mirrors such a URL unchanged, so the sink must inspect it rather than refuse it unread.
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

    private static IEnumerable<int> Sids(IEnumerable<JsonElement> records) => records
        .Where(r => r.GetProperty("event_type").GetString() == "alert")
        .Select(r => r.GetProperty("alert").GetProperty("signature_id").GetInt32());
}
