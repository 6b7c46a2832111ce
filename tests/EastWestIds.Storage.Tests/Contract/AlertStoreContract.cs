using EastWestIds.Storage.Model;
using EastWestIds.Storage.Sql;
using EastWestIds.Storage.Tests.Fixtures;

namespace EastWestIds.Storage.Tests.Contract;

/// <summary>
/// The behaviour every <see cref="IAlertStore"/> must have, run once per backend against a real database
/// (<see cref="SqliteAlertStoreTests"/>, <see cref="PostgresAlertStoreTests"/>). Each test gets its own empty database.
/// Split by concern into partial files.
/// </summary>
public abstract partial class AlertStoreContract : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    /// <summary>A new empty database; returns where it is (a file path or a connection string).</summary>
    protected abstract Task<string> NewDatabaseAsync();

    /// <summary>A store over an existing database, not initialized.</summary>
    protected abstract SqlAlertStore Open(string location, TimeProvider? time = null);

    /// <summary>Makes the database refuse writes until the handle is disposed.</summary>
    protected abstract Task<IAsyncDisposable> TakeDownAsync(string location);

    /// <summary>Installs a trigger that makes the database itself refuse (as a constraint violation) alerts with this sid.</summary>
    protected abstract Task RejectSidAsync(string location, int sid);

    /// <summary>Runs raw SQL returning one integer.</summary>
    protected abstract Task<long> ScalarAsync(string location, string sql);

    protected T Own<T>(T disposable)
        where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    protected async Task<(SqlAlertStore Store, string Location)> NewStoreAsync(TimeProvider? time = null)
    {
        var location = await NewDatabaseAsync();
        var store = Own(Open(location, time));
        await store.InitializeAsync();
        return (store, location);
    }

    protected static async Task WriteAsync(IAlertStore store, params AlertRecord[] alerts)
    {
        var batch = new StoreBatch();
        batch.Alerts.AddRange(alerts);
        await store.WriteBatchAsync(batch);
    }

    protected static async Task<List<AlertRecord>> AllAsync(IAlertStore store, AlertFilter? filter = null)
    {
        var all = new List<AlertRecord>();
        await foreach (var alert in store.ExportAsync(filter ?? AlertFilter.All))
        {
            all.Add(alert);
        }

        return all;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
    }

    [Fact]
    public async Task Initialize_FreshDatabase_AppliesEveryMigration()
    {
        var location = await NewDatabaseAsync();
        var store = Own(Open(location));
        Assert.Equal(0, await store.GetSchemaVersionAsync());

        await store.InitializeAsync();

        Assert.Equal(Migrations.LatestVersion, await store.GetSchemaVersionAsync());
        Assert.Equal(Migrations.All.Length, await ScalarAsync(location, "SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(0, await ScalarAsync(location, "SELECT COUNT(*) FROM alerts"));
    }

    [Fact]
    public async Task Initialize_RunAgainOnAnotherInstance_KeepsSchemaAndData()
    {
        var (first, location) = await NewStoreAsync();
        await WriteAsync(first, TestAlerts.Make());

        var second = Own(Open(location));
        await second.InitializeAsync();
        await second.InitializeAsync();

        Assert.Equal(Migrations.All.Length, await ScalarAsync(location, "SELECT COUNT(*) FROM schema_version"));
        Assert.Single(await AllAsync(second));
    }

    [Fact]
    public async Task Initialize_ManyReplicasAtOnce_AllSucceedAndMigrateOnce()
    {
        var location = await NewDatabaseAsync();
        var replicas = Enumerable.Range(0, 6).Select(_ => Own(Open(location))).ToArray();

        await Task.WhenAll(replicas.Select(r => Task.Run(() => r.InitializeAsync())));

        Assert.Equal(Migrations.All.Length, await ScalarAsync(location, "SELECT COUNT(*) FROM schema_version"));
        foreach (var replica in replicas)
        {
            Assert.Equal(Migrations.LatestVersion, await replica.GetSchemaVersionAsync());
        }
    }

    [Fact]
    public async Task Query_BeforeInitialize_Throws()
    {
        var store = Own(Open(await NewDatabaseAsync()));

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.ListAlertsAsync(AlertFilter.All, 10));
    }

    [Fact]
    public async Task Ping_ReachableStore_True()
    {
        var (store, _) = await NewStoreAsync();

        Assert.True(await store.PingAsync());
    }

    [Fact]
    public async Task GetAlert_RoundTrip_KeepsEveryField()
    {
        var (store, _) = await NewStoreAsync();
        var original = TestAlerts.Make(
            verdict: AlertVerdict.WouldDeny,
            headers: [new HeaderField("user-agent", "sqlmap/1.7"), new HeaderField("X-Odd", "a,\"b\"\nc")],
            body: "id=1' OR '1'='1",
            evidence: new AlertEvidence("http.request_body", "id=1' OR '1'='1", 4, 11)) with
        {
            Timestamp = TestAlerts.BaseTime.AddTicks(1230), // microsecond precision is kept, the 100 ns tick below it is not
        };
        await WriteAsync(store, original);

        var id = (await AllAsync(store)).Single().Id;
        var stored = await store.GetAlertAsync(id);

        Assert.NotNull(stored);
        Assert.True(stored.Id > 0);
        Assert.Equal(TestAlerts.BaseTime.AddTicks(1230), stored.Timestamp);
        Assert.Equal(original with { Id = stored.Id, Request = stored.Request, Timestamp = stored.Timestamp }, stored);
        Assert.Equal(original.Request.Headers, stored.Request.Headers);
        Assert.Equal(original.Request with { Headers = stored.Request.Headers }, stored.Request);
        Assert.Null(await store.GetAlertAsync(id + 1000));
    }

    [Fact]
    public async Task Write_NulAndLoneSurrogate_StoredAsReplacementCharacterInBothBackends()
    {
        var (store, _) = await NewStoreAsync();
        await WriteAsync(store, TestAlerts.Make(path: "/a\0b", headers: [new HeaderField("x-bad", "x\uD800y")]));

        var stored = (await AllAsync(store)).Single();

        Assert.Equal("/a\uFFFDb", stored.Request.Path);
        Assert.Equal("x\uFFFDy", stored.Request.Headers[0].Value);
    }
}
