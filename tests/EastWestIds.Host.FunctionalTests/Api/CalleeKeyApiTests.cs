using System.Net;
using System.Text;
using EastWestIds.Host.Api;
using EastWestIds.Storage.Model;

namespace EastWestIds.Host.FunctionalTests.Api;

/// <summary>
/// Through the real sink: a suppression and the service graph are keyed by the callee's Service, so suppressing a
/// false positive seen on <c>ratings.default</c> also silences it on <c>ratings</c> and
/// <c>ratings.default.svc.cluster.local</c>, and the graph has one <c>ratings.default</c> node, not one per spelling.
/// </summary>
public sealed class CalleeKeyApiTests
{
    private const string Caller = MirrorRequests.Caller; // in namespace default

    private static string AttackOn(string host, string requestId) =>
        StoreSink.Attack(requestId).Replace("host: reviews-shadow:9080", "host: " + host, StringComparison.Ordinal);

    [Fact]
    public async Task SuppressionFromOneSpelling_SilencesEverySpelling_AndTheGraphHasOneNode()
    {
        await using var sink = await StoreSink.StartAsync();
        await sink.MirrorAsync(AttackOn("ratings.default-shadow:9080", "first"));
        var list = await sink.WaitForAsync($"api/alerts?sid={StoreSink.Sid}", j => j.GetProperty("items").GetArrayLength() == 1);
        var item = list.GetProperty("items")[0];
        Assert.Equal(("ratings.default", "ratings", "default"),
            (item.GetProperty("callee").GetString(), item.GetProperty("calleeName").GetString(), item.GetProperty("calleeNamespace").GetString()));

        using (var suppressed = await sink.Client.PostAsync($"api/alerts/{item.GetProperty("id").GetInt64()}/suppress", new StringContent("{}", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Created, suppressed.StatusCode);
        }

        Assert.Equal("ratings.default", (await sink.GetJsonAsync("api/suppressions"))[0].GetProperty("callee").GetString());

        // The same false positive by other spellings of the same Service: counted as suppressed, never stored.
        await sink.MirrorAsync(AttackOn("ratings-shadow:9080", "short"));
        await sink.MirrorAsync(AttackOn("RATINGS.default.svc.cluster.local:9080", "fqdn"));
        await sink.MirrorAsync(AttackOn("ratings-0.ratings.default.svc.cluster.local.:9080", "pod"));
        // Another Service and the same name in another namespace are not covered.
        await sink.MirrorAsync(AttackOn("ratings.other:9080", "other-namespace"));
        await sink.MirrorAsync(AttackOn("reviews:9080", "other-service"));

        var all = await sink.WaitForAsync($"api/alerts?sid={StoreSink.Sid}", j => j.GetProperty("items").GetArrayLength() == 3);
        Assert.Equal(["other-service", "other-namespace", "first"],
            all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("path").GetString()!.Split("n=")[1]));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await sink.Server.MetricAsync("eastwestids_alerts_suppressed_total") < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(3, await sink.Server.MetricAsync("eastwestids_alerts_suppressed_total"));
        var suppression = await sink.WaitForAsync("api/suppressions", j => j[0].GetProperty("hits").GetInt64() == 3);
        Assert.Single(suppression.EnumerateArray());

        // The graph: one edge per Service, however it was spelled; the four calls to ratings.default on one edge.
        var edges = await sink.WaitForAsync("api/edges", j => j.EnumerateArray().Sum(e => e.GetProperty("calls").GetProperty("total").GetInt64()) == 6);
        var callees = edges.EnumerateArray().Where(e => e.GetProperty("caller").GetString() == Caller)
            .ToDictionary(e => e.GetProperty("callee").GetString()!, e => e.GetProperty("calls").GetProperty("total").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["ratings.default"] = 4, ["ratings.other"] = 1, ["reviews.default"] = 1 }, callees);

        // An edge's callee is a valid callee filter: the graph's link to its alerts finds them.
        var onEdge = await sink.GetJsonAsync($"api/alerts?caller={Uri.EscapeDataString(Caller)}&callee=ratings.default");
        Assert.Equal(["first"], onEdge.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("path").GetString()!.Split("n=")[1]));
    }

    /// <summary>
    /// The store's key (built without the Identity library) reads hosts exactly as the mirror's authority parser and the
    /// API's callee filter do, and a key fed back to the filter names the same Service: a graph edge opens its alerts.
    /// </summary>
    [Theory]
    [InlineData(Caller, "ratings")]
    [InlineData(Caller, "Ratings.Default")]
    [InlineData(Caller, "ratings.other.svc")]
    [InlineData(Caller, "ratings.default.svc.cluster.local")]
    [InlineData(Caller, "ratings.default.svc.cluster.local.")]
    [InlineData(Caller, "ratings-0.ratings.default.svc.cluster.local")]
    [InlineData(Caller, "web-0.web.web.svc")]
    [InlineData(Caller, "api.example.com")]
    [InlineData(Caller, "example.com")]
    [InlineData(Caller, "10.0.0.7")]
    [InlineData(Caller, "[fd00::1]")]
    [InlineData("", "ratings")]
    [InlineData("spiffe://cluster.local/workload/x", "ratings")]
    public void StoreKey_AgreesWithTheApiCalleeFilter(string caller, string host)
    {
        var key = CalleeKey.Of(caller, host);

        Assert.True(CalleeFilter.TryRead(host, caller.Length == 0 ? null : caller, out var name, out var ns));
        Assert.Equal(ns is null ? name : name + "." + ns, key);
        Assert.True(CalleeFilter.TryRead(key, null, out var keyName, out var keyNs));
        Assert.Equal((name, ns), (keyName, keyNs));
    }
}
