using System.Text;
using System.Text.Json;
using EastWestIds.Host.FunctionalTests.Infrastructure;

namespace EastWestIds.Host.FunctionalTests;

/// <summary>
/// Padding past the body limit, over a real socket: the payload after the junk is found in the body's tail, the middle
/// that was drained is a finding and a metric, and nothing of the body is buffered beyond the two budgets.
/// </summary>
public sealed class BodyTailMirrorTests
{
    private const int Head = 1024;
    private const int Tail = 4096;

    [Fact]
    public async Task ChunkedFormPaddedPastTheLimit_PayloadInTheTail_Alerts()
    {
        using var rules = new TempRules(
            "alert http any any -> any any (msg:\"union in an argument\"; http.arg; content:\"union select\"; nocase; classtype:web-application-attack; sid:1000003; rev:1;)");
        await using var sink = await SinkServer.StartAsync(o => o with
        {
            Rules = rules.Sources,
            Inspection = o.Inspection with { MaxInspectedBodyBytes = Head, MaxInspectedBodyTailBytes = Tail },
        });
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);
        byte[] body = Encoding.ASCII.GetBytes("pad=" + new string('a', 1024 * 1024) + "&id=1%27%20UNION%20SELECT%20password%20FROM%20users--");

        // Chunks of a size no budget divides, so the tail's ring wraps mid-chunk.
        var wire = new MemoryStream();
        wire.Write(Encoding.ASCII.GetBytes("POST /reviews HTTP/1.1\r\nhost: reviews:9080\r\nx-request-id: padded-1\r\n"
            + $"x-forwarded-client-cert: {MirrorRequests.Xfcc}\r\ncontent-type: application/x-www-form-urlencoded\r\ntransfer-encoding: chunked\r\n\r\n"));
        for (int at = 0; at < body.Length; at += 7919)
        {
            int length = Math.Min(7919, body.Length - at);
            wire.Write(Encoding.ASCII.GetBytes($"{length:x}\r\n"));
            wire.Write(body, at, length);
            wire.Write("\r\n"u8);
        }

        wire.Write("0\r\n\r\n"u8);
        await client.SendAsync(wire.ToArray());

        Assert.StartsWith("HTTP/1.1 200", (await client.ReadResponsesAsync(1))[0]);
        var records = await sink.Alerts.WaitForAsync(r => Sids(r).Contains(1000003) && Sids(r).Contains(9100054), what: "the rule's alert and 9100054");
        var alert = records.First(r => Sid(r) == 1000003);
        Assert.Contains("UNION SELECT", alert.GetProperty("mesh").GetProperty("evidence").GetString(), StringComparison.Ordinal);
        Assert.Equal(body.Length - Head - Tail, await sink.MetricAsync("eastwestids_body_uninspected_bytes_total"));
    }

    private static IEnumerable<int> Sids(IEnumerable<JsonElement> records) => records.Where(r => r.GetProperty("event_type").GetString() == "alert").Select(Sid);

    private static int Sid(JsonElement record) =>
        record.GetProperty("event_type").GetString() == "alert" ? record.GetProperty("alert").GetProperty("signature_id").GetInt32() : 0;
}
