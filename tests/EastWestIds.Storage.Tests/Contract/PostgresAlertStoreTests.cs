using EastWestIds.Storage.Postgres;
using EastWestIds.Storage.Sql;
using EastWestIds.Storage.Tests.Fixtures;
using Npgsql;

namespace EastWestIds.Storage.Tests.Contract;

/// <summary>The store contract on a real PostgreSQL server (one throwaway cluster, a new database per test).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAlertStoreTests(PostgresServer server) : AlertStoreContract
{
    protected override Task<string> NewDatabaseAsync() => server.CreateDatabaseAsync();

    protected override SqlAlertStore Open(string location, TimeProvider? time = null) => new PostgresAlertStore(location, time);

    protected override Task<IAsyncDisposable> TakeDownAsync(string location) => server.TakeDownAsync(location);

    protected override async Task RejectSidAsync(string location, int sid)
    {
        await using var connection = new NpgsqlConnection(location);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            CREATE FUNCTION reject_sid() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.sid = {sid} THEN RAISE EXCEPTION 'sid refused' USING ERRCODE = 'check_violation'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER reject_sid BEFORE INSERT ON alerts FOR EACH ROW EXECUTE FUNCTION reject_sid();
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<long> ScalarAsync(string location, string sql)
    {
        await using var connection = new NpgsqlConnection(location);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Open_PostgresUrl_SameDatabaseAsConnectionString()
    {
        var location = await NewDatabaseAsync();
        var builder = new NpgsqlConnectionStringBuilder(location);
        var url = $"postgres://{builder.Username}:{Uri.EscapeDataString("unused p@ss")}@{builder.Host}:{builder.Port}/{builder.Database}?sslmode=disable";
        await using var viaUrl = new PostgresAlertStore(url);

        await viaUrl.InitializeAsync();

        Assert.Equal(Migrations.LatestVersion, await viaUrl.GetSchemaVersionAsync());
        Assert.Equal(Migrations.All.Length, await ScalarAsync(location, "SELECT COUNT(*) FROM schema_version"));
    }

    [Fact]
    public async Task Query_ServerRefusesConnections_StoreUnavailableException()
    {
        var (store, location) = await NewStoreAsync();
        await using (await TakeDownAsync(location))
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ListAlertsAsync(EastWestIds.Storage.Model.AlertFilter.All, 10));
            Assert.False(await store.PingAsync());
        }

        Assert.True(await store.PingAsync());
    }
}
