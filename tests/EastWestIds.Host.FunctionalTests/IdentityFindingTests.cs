using EastWestIds.Host.FunctionalTests.Infrastructure;

namespace EastWestIds.Host.FunctionalTests;

/// <summary>Caller and callee findings, end to end from a raw mirrored request to an EVE alert.</summary>
public sealed class IdentityFindingTests
{
    private const string Hash = "e40c3a8ed2cf0a5a3e9f3e2bc4ea9c0c4e4c0dd4d1ce2a9f1d49bbd0e7e5a4df";

    private static string Request(string host, string? xfcc) =>
        $"GET /api HTTP/1.1\r\nHost: {host}\r\n" + (xfcc is null ? string.Empty : $"x-forwarded-client-cert: {xfcc}\r\n") + "\r\n";

    public static TheoryData<string, string, string?, int> Cases => new()
    {
        { "no XFCC", "reviews:9080", null, 9200001 },
        { "relayed element", "reviews:9080", $"By=spiffe://cluster.local/ns/a/sa/gw;URI=spiffe://cluster.local/ns/x/sa/forged,By=spiffe://cluster.local/ns/default/sa/default;Hash={Hash};URI=spiffe://cluster.local/ns/default/sa/productpage", 9200002 },
        { "unbalanced quote", "reviews:9080", "By=spiffe://cluster.local/ns/default/sa/default;Subject=\"oops;URI=spiffe://cluster.local/ns/a/sa/b", 9200003 },
        { "not SPIFFE", "reviews:9080", $"By=spiffe://cluster.local/ns/default/sa/default;Hash={Hash};URI=https://evil.example/ns/a/sa/b", 9200004 },
        { "upper-case trust domain", "reviews:9080", $"By=spiffe://cluster.local/ns/default/sa/default;Hash={Hash};URI=spiffe://Cluster.Local/ns/a/sa/b", 9200004 },
        { "foreign trust domain", "reviews:9080", $"By=spiffe://cluster.local/ns/default/sa/default;Hash={Hash};URI=spiffe://other.example/ns/a/sa/b", 9200005 },
        { "no URI SAN", "reviews:9080", $"By=spiffe://cluster.local/ns/default/sa/default;Hash={Hash};Subject=\"\";URI=", 9200007 },
        { "two URI SANs", "reviews:9080", $"By=spiffe://cluster.local/ns/default/sa/default;Hash={Hash};URI=spiffe://cluster.local/ns/a/sa/b;URI=spiffe://cluster.local/ns/c/sa/d", 9200008 },
        { "non-Istio path", "reviews:9080", $"By=spiffe://cluster.local/ns/default/sa/default;Hash={Hash};URI=spiffe://cluster.local/workload/web", 9200011 },
        { "sink called directly", "ewids.ewids-system.svc.cluster.local:8080", MirrorRequests.Xfcc, 9300001 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MirroredRequest_RaisesIdentityAlert(string name, string host, string? xfcc, int sid)
    {
        await using var sink = await SinkServer.StartAsync();
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);

        await client.SendAsync(Request(host, xfcc));
        var responses = await client.ReadResponsesAsync(1);

        Assert.True(responses[0].StartsWith("HTTP/1.1 200 OK", StringComparison.Ordinal), name);
        await sink.Alerts.WaitForAsync(_ => sink.Alerts.Alerts(sid).Count == 1, what: $"{name}: alert {sid}");
        var severityLabel = sink.Alerts.Alerts(sid)[0].GetProperty("alert").GetProperty("severity").GetInt32() switch
        {
            1 => "high",
            2 => "medium",
            3 => "low",
            _ => "info",
        };
        var category = sid >= 9300000 ? "access" : "identity";
        Assert.True(await sink.MetricAsync($"eastwestids_alerts_total{{category=\"{category}\",severity=\"{severityLabel}\"}}") >= 1);
    }

    [Fact]
    public async Task ByNotTheSink_WhenSinkIdentityConfigured_Alerts()
    {
        await using var sink = await SinkServer.StartAsync(o => o with { Inspection = o.Inspection with { SinkIdentity = "spiffe://cluster.local/ns/ewids-system/sa/ewids" } });
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);

        await client.SendAsync(Request("reviews:9080", MirrorRequests.Xfcc));
        await client.ReadResponsesAsync(1);

        var alert = (await sink.Alerts.WaitForAsync(_ => sink.Alerts.Alerts(9200006).Count == 1, what: "By mismatch")).First(r => r.GetProperty("event_type").GetString() == "alert");
        Assert.Contains("spiffe://cluster.local/ns/default/sa/default", alert.GetProperty("mesh").GetProperty("evidence").GetString());
    }

    [Fact]
    public async Task CleanIstioRequest_RaisesNothing()
    {
        await using var sink = await SinkServer.StartAsync(o => o with { Inspection = o.Inspection with { SinkIdentity = "spiffe://cluster.local/ns/default/sa/default" } });
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);

        await client.SendAsync(MirrorRequests.DesignExample());
        await client.ReadResponsesAsync(1);

        await sink.Alerts.WaitForAsync(r => r.Count == 1, what: "the http record");
        Assert.Empty(sink.Alerts.OfType("alert"));
    }
}
