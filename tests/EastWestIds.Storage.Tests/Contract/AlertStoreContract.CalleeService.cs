using EastWestIds.Storage.Model;
using EastWestIds.Storage.Sql;
using EastWestIds.Storage.Tests.Fixtures;

namespace EastWestIds.Storage.Tests.Contract;

/// <summary>
/// The callee as a Service (<see cref="CalleeInfo.Name"/> + namespace) beside the host as the caller used it, the
/// related sids of a collapsed alert, and migration 2 that adds both to a store written by an older build.
/// </summary>
public abstract partial class AlertStoreContract
{
    private static AlertRecord ToCallee(int sid, string host, string ns, DateTimeOffset at) =>
        TestAlerts.Make(sid: sid, at: at) with { Callee = new CalleeInfo(host, ns, 9080) };

    [Fact]
    public async Task ListAlerts_CalleeService_MatchesEverySpellingOfTheHost_OnlyInThatNamespace()
    {
        var (store, _) = await NewStoreAsync();
        var t = TestAlerts.BaseTime;
        await WriteAsync(store,
            ToCallee(1, "ratings", "bookinfo", t),                                       // short name, caller in bookinfo
            ToCallee(2, "ratings.bookinfo", "bookinfo", t.AddMinutes(1)),
            ToCallee(3, "ratings.bookinfo.svc.cluster.local", "bookinfo", t.AddMinutes(2)),
            ToCallee(4, "Ratings.Bookinfo.svc", "Bookinfo", t.AddMinutes(3)),            // DNS names are case-insensitive
            ToCallee(5, "ratings", "other", t.AddMinutes(4)),                            // another namespace's ratings
            ToCallee(6, "reviews.bookinfo", "bookinfo", t.AddMinutes(5)),
            ToCallee(7, "ratings-v2.bookinfo", "bookinfo", t.AddMinutes(6)));

        var inBookinfo = await store.ListAlertsAsync(new AlertFilter { CalleeName = "ratings", CalleeNamespace = "bookinfo" }, 100);
        Assert.Equal([4, 3, 2, 1], inBookinfo.Alerts.Select(a => a.Sid));

        var anywhere = await AllAsync(store, new AlertFilter { CalleeName = "RATINGS" });
        Assert.Equal([5, 4, 3, 2, 1], anywhere.Select(a => a.Sid));

        var exactHost = await AllAsync(store, new AlertFilter { Callee = "ratings" });
        Assert.Equal([5, 1], exactHost.Select(a => a.Sid)); // the host-as-used filter is unchanged
        Assert.Equal(1, await store.CountAlertsAsync(new AlertFilter { CalleeName = "ratings", CalleeNamespace = "other" }));
    }

    [Fact]
    public async Task Write_RelatedSids_RoundTripInOrder()
    {
        var (store, _) = await NewStoreAsync();
        await WriteAsync(store, TestAlerts.Make(sid: 9408030) with { RelatedSids = [9408012, 9408031, 9408001] }, TestAlerts.Make(sid: 1));

        var stored = await AllAsync(store);

        Assert.Equal([9408012, 9408031, 9408001], stored.Single(a => a.Sid == 9408030).RelatedSids);
        Assert.Empty(stored.Single(a => a.Sid == 1).RelatedSids);
    }

    [Fact]
    public async Task Migration2_StoreWrittenByVersion1_GetsCalleeNamesBackfilled_AndTakesNewAlerts()
    {
        var location = await NewDatabaseAsync();
        var kind = Own(Open(location)).Kind;
        if (kind == "sqlite")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(location)!);
        }

        // The schema exactly as version 1 of the store left it, with alerts written then.
        var dialect = kind == "sqlite" ? SqlDialect.Sqlite : SqlDialect.Postgres;
        await ScalarAsync(location, "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL, description TEXT NOT NULL)");
        foreach (var statement in Migrations.All.Single(m => m.Version == 1).Statements(dialect))
        {
            await ScalarAsync(location, statement);
        }

        await ScalarAsync(location, "INSERT INTO schema_version (version, applied_at, description) VALUES (1, 0, 'v1')");
        var rows = new (int Sid, string Host, string Ns)[]
        {
            (1, "ratings", "bookinfo"), (2, "ratings.bookinfo.svc.cluster.local", "bookinfo"), (3, "ratings.bookinfo", "bookinfo"),
            (4, "reviews", "bookinfo"), (5, "", ""), (6, "10.0.0.7", ""), (7, "web-0.web.db.svc.cluster.local", "db"),
        };
        foreach (var (sid, host, ns) in rows)
        {
            await ScalarAsync(location,
                "INSERT INTO alerts (ts, sid, rev, message, category, severity, family, caller_principal, caller_namespace, caller_service_account, "
                + "caller_workload, callee_service, callee_namespace, callee_port, verdict, request_line, method, host, path, headers, redacted, triage_state) "
                + $"VALUES ({sid}, {sid}, 1, 'm', 'c', 1, 'attack', 'spiffe://cluster.local/ns/bookinfo/sa/productpage', 'bookinfo', 'productpage', '', "
                + $"'{host}', '{ns}', 9080, 'none', 'GET / HTTP/1.1', 'GET', '{host}', '/', '[]', 0, 'new')");
        }

        var store = Own(Open(location));
        await store.InitializeAsync();

        Assert.Equal(Migrations.LatestVersion, await store.GetSchemaVersionAsync());
        Assert.Equal(Migrations.All.Length, await ScalarAsync(location, "SELECT COUNT(*) FROM schema_version")); // 1 as it was, the rest applied now
        Assert.All(await AllAsync(store), a => Assert.Equal(AlertOutcome.None, a.Outcome)); // migration 3 ran after the backfill
        var ratings = await AllAsync(store, new AlertFilter { CalleeName = "ratings", CalleeNamespace = "bookinfo" });
        Assert.Equal([3, 2, 1], ratings.Select(a => a.Sid));
        Assert.Equal(1, await ScalarAsync(location, "SELECT COUNT(*) FROM alerts WHERE callee_name = 'reviews'"));
        Assert.Equal(1, await ScalarAsync(location, "SELECT COUNT(*) FROM alerts WHERE callee_name = '10.0.0.7'"));
        Assert.Equal(1, await ScalarAsync(location, "SELECT COUNT(*) FROM alerts WHERE callee_name = 'web' AND sid = 7"));
        Assert.Equal(1, await ScalarAsync(location, "SELECT COUNT(*) FROM alerts WHERE callee_name = '' AND sid = 5"));
        Assert.All(await AllAsync(store), a => Assert.Empty(a.RelatedSids));

        await WriteAsync(store, ToCallee(8, "ratings.bookinfo.svc", "bookinfo", TestAlerts.BaseTime) with { RelatedSids = [9] });
        Assert.Equal(4, await store.CountAlertsAsync(new AlertFilter { CalleeName = "ratings", CalleeNamespace = "bookinfo" }));
    }
}
