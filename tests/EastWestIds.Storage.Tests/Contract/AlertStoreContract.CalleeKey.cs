using EastWestIds.Storage.Model;
using EastWestIds.Storage.Sql;
using EastWestIds.Storage.Tests.Fixtures;
using EastWestIds.Storage.Writing;

namespace EastWestIds.Storage.Tests.Contract;

/// <summary>
/// Suppressions and flow edges keyed by the callee's Service (<see cref="CalleeKey"/>), not by how the caller spelled
/// the host, on both backends, and migration 4, which re-keys what older builds stored.
/// </summary>
public abstract partial class AlertStoreContract
{
    private const string Productpage = "spiffe://cluster.local/ns/bookinfo/sa/productpage";

    [Theory]
    [InlineData("ratings")]
    [InlineData("ratings.bookinfo")]
    [InlineData("ratings.bookinfo.svc.cluster.local")]
    public async Task Suppression_MadeFromOneSpelling_CoversEverySpellingOfTheService(string madeFrom)
    {
        var (store, _) = await NewStoreAsync();
        await WriteAsync(store, TestAlerts.Make(sid: 31, caller: Productpage, callee: madeFrom));

        var suppression = await store.CreateSuppressionFromAlertAsync((await AllAsync(store)).Single().Id, "erin");

        Assert.Equal("ratings.bookinfo", suppression!.Callee);
        foreach (var host in (string[])["ratings", "ratings.bookinfo", "Ratings.Bookinfo.svc", "ratings.bookinfo.svc.cluster.local", "ratings-0.ratings.bookinfo.svc.cluster.local."])
        {
            Assert.True(store.IsSuppressed(31, Productpage, host), host);
            Assert.True(store.IsSuppressed(31, System.Text.Encoding.UTF8.GetBytes(Productpage), System.Text.Encoding.UTF8.GetBytes(host)), host);
        }

        // Another Service, the same name in another namespace, another caller's namespace: not covered.
        Assert.False(store.IsSuppressed(31, Productpage, "reviews"));
        Assert.False(store.IsSuppressed(31, Productpage, "ratings.shop"));
        Assert.False(store.IsSuppressed(31, "spiffe://cluster.local/ns/shop/sa/productpage", "ratings"));
        Assert.Single(await store.ListSuppressionsAsync());
    }

    [Fact]
    public async Task Suppression_SecondSpellingOfTheSameService_IsTheSameSuppression()
    {
        var (store, _) = await NewStoreAsync();

        var first = await store.CreateSuppressionAsync(new SuppressionRequest(5, Productpage, "ratings", "frank"));
        var again = await store.CreateSuppressionAsync(new SuppressionRequest(5, Productpage, "ratings.bookinfo.svc.cluster.local", "grace"));

        Assert.Equal(first.Id, again.Id);
        Assert.Single(await store.ListSuppressionsAsync());
    }

    [Fact]
    public async Task Edges_EverySpellingOfTheService_OneEdgeWithItsAlerts()
    {
        var (store, _) = await NewStoreAsync();
        var edges = new FlowEdgeAccumulator();
        edges.Record(Productpage, "ratings", AlertVerdict.Allowed);
        edges.Record(Productpage, "ratings.bookinfo", AlertVerdict.Allowed);
        edges.Record(Productpage, "RATINGS.bookinfo.svc.cluster.local", AlertVerdict.Denied);
        edges.Record(Productpage, "ratings.shop", AlertVerdict.Allowed);
        var batch = new StoreBatch();
        batch.Edges.AddRange(edges.TakeDeltas());
        batch.Alerts.Add(TestAlerts.Make(caller: Productpage, callee: "ratings.bookinfo.svc.cluster.local"));
        batch.Alerts.Add(TestAlerts.Make(caller: Productpage, callee: "ratings"));
        await store.WriteBatchAsync(batch);

        var stored = (await store.ListEdgesAsync()).ToDictionary(e => e.Callee);

        Assert.Equal(["ratings.bookinfo", "ratings.shop"], stored.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((new VerdictCounts(0, 2, 1, 0, 0, 0), 2L), (stored["ratings.bookinfo"].Counts, stored["ratings.bookinfo"].Alerts));
    }

    [Fact]
    public async Task Migration4_RowsKeyedByTheHostAsUsed_RekeyedAndMergedKeepingIdsAndCounts()
    {
        var (_, location) = await NewStoreAsync();
        // What a build before migration 4 stored: suppressions and edges by the host as used, one row per spelling.
        await ScalarAsync(location, "INSERT INTO suppressions (sid, caller, callee, created_at, created_by, comment, from_alert_id, hits, last_hit) VALUES "
            + $"(7, '{Productpage}', 'ratings', 1, 'ann', 'short', NULL, 3, 100), "
            + $"(7, '{Productpage}', 'ratings.bookinfo.svc.cluster.local', 2, 'bob', 'fqdn', NULL, 4, 250), "
            + $"(8, '{Productpage}', 'reviews.bookinfo', 3, 'cat', NULL, NULL, 0, NULL), "
            + $"(9, '{Productpage}', 'details', 4, 'dan', NULL, NULL, 1, 50), "
            + $"(9, '{Productpage}', 'details.bookinfo', 5, 'eve', NULL, NULL, 2, 40), "
            + "(10, '', 'ratings', 6, 'fay', NULL, NULL, 0, NULL)");
        var ids = new Dictionary<string, long>();
        foreach (var (name, where) in (ValueTuple<string, string>[])[("ratings", "sid = 7 AND callee = 'ratings'"), ("reviews", "sid = 8"), ("details", "sid = 9 AND callee = 'details.bookinfo'")])
        {
            ids[name] = await ScalarAsync(location, "SELECT id FROM suppressions WHERE " + where);
        }

        await ScalarAsync(location, "INSERT INTO flow_edges (caller, callee, none_count, allowed, denied, would_deny, ext_authz, unprotected, alerts, first_seen, last_seen) VALUES "
            + $"('{Productpage}', 'ratings', 1, 2, 0, 0, 0, 0, 1, 100, 200), "
            + $"('{Productpage}', 'ratings.bookinfo.svc.cluster.local', 0, 5, 1, 0, 0, 0, 2, 50, 150), "
            + $"('{Productpage}', 'ratings.bookinfo', 0, 1, 0, 0, 0, 0, 0, 120, 300), "
            + "('', 'ratings', 0, 9, 0, 0, 0, 0, 0, 10, 20)");
        await ScalarAsync(location, "DELETE FROM schema_version WHERE version >= 4");

        var upgraded = Own(Open(location));
        await upgraded.InitializeAsync();

        Assert.Equal(Migrations.LatestVersion, await upgraded.GetSchemaVersionAsync());
        var suppressions = (await upgraded.ListSuppressionsAsync()).ToDictionary(s => (s.Sid, s.Callee));
        Assert.Equal(4, suppressions.Count);
        var ratings = suppressions[(7, "ratings.bookinfo")];
        Assert.Equal((ids["ratings"], 7L, StoreTimeMicros(250)), (ratings.Id, ratings.Hits, ratings.LastHit!.Value));
        Assert.Equal(ids["reviews"], suppressions[(8, "reviews.bookinfo")].Id);
        // The row that already had the key keeps its id, though it is the younger one.
        Assert.Equal((ids["details"], 3L, StoreTimeMicros(50)), (suppressions[(9, "details.bookinfo")].Id, suppressions[(9, "details.bookinfo")].Hits, suppressions[(9, "details.bookinfo")].LastHit!.Value));
        Assert.Equal("", suppressions[(10, "ratings")].Caller); // no caller namespace: nothing to resolve the short name in
        Assert.True(upgraded.IsSuppressed(7, Productpage, "ratings.bookinfo.svc"));
        Assert.True(upgraded.IsSuppressed(9, Productpage, "details"));

        var edges = await upgraded.ListEdgesAsync();
        Assert.Equal(2, edges.Count);
        var edge = edges.Single(e => e.Caller == Productpage);
        Assert.Equal(("ratings.bookinfo", new VerdictCounts(1, 8, 1, 0, 0, 0), 3L), (edge.Callee, edge.Counts, edge.Alerts));
        Assert.Equal((StoreTimeMicros(50), StoreTimeMicros(300)), (edge.FirstSeen, edge.LastSeen));
        Assert.Equal("ratings", edges.Single(e => e.Caller == "").Callee);
    }

    private static DateTimeOffset StoreTimeMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
}
