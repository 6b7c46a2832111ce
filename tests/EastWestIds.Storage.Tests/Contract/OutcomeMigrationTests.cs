using EastWestIds.Storage.Model;
using EastWestIds.Storage.Sql;
using EastWestIds.Storage.Sqlite;
using EastWestIds.Storage.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace EastWestIds.Storage.Tests.Contract;

/// <summary>
/// A database written by a build from before <c>alerts.outcome</c> (schema version 1, made here by running only the
/// first migration, as that build did) is upgraded in place: its alerts keep everything and read as outcome
/// <c>none</c>, and new alerts carry theirs.
/// </summary>
public sealed class OutcomeMigrationTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ewids-outcome-");

    [Fact]
    public async Task Initialize_VersionOneDatabaseWithAlerts_AddsOutcomeAndKeepsTheRows()
    {
        var location = Path.Combine(_directory.FullName, SqliteAlertStore.FileName);
        await CreateVersionOneAsync(location);

        await using var store = new SqliteAlertStore(location);
        await store.InitializeAsync();
        var batch = new StoreBatch();
        batch.Alerts.Add(TestAlerts.Make(sid: 2, at: TestAlerts.BaseTime.AddSeconds(1)) with { Outcome = AlertOutcome.Blocked });
        await store.WriteBatchAsync(batch);

        Assert.Equal(Migrations.LatestVersion, await store.GetSchemaVersionAsync());
        var alerts = new List<AlertRecord>();
        await foreach (var alert in store.ExportAsync(AlertFilter.All))
        {
            alerts.Add(alert);
        }

        Assert.Equal([2, 1], alerts.Select(a => a.Sid));
        Assert.Equal(AlertOutcome.Blocked, alerts[0].Outcome);
        Assert.Equal(AlertOutcome.None, alerts[1].Outcome);
        Assert.Equal("GET /old HTTP/1.1", alerts[1].Request.RequestLine);
    }

    private static async Task CreateVersionOneAsync(string location)
    {
        await using var connection = new SqliteConnection($"Data Source={location};Pooling=False");
        await connection.OpenAsync();
        string[] statements =
        [
            "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL, description TEXT NOT NULL)",
            .. Migrations.All[0].Statements(SqlDialect.Sqlite),
            "INSERT INTO schema_version (version, applied_at, description) VALUES (1, 0, 'v1')",
            "INSERT INTO alerts (ts, sid, rev, message, category, severity, family, caller_principal, caller_namespace, caller_service_account, "
            + "caller_workload, callee_service, callee_namespace, callee_port, verdict, request_line, method, host, path, headers, redacted, triage_state) "
            + $"VALUES ({TestAlerts.BaseTime.ToUnixTimeMilliseconds() * 1000}, 1, 1, 'old alert', 'Web Application Attack', 1, 'attack', '', '', '', '', "
            + "'reviews', 'default', 9080, 'none', 'GET /old HTTP/1.1', 'GET', 'reviews', '/old', '[]', 0, 'new')",
        ];
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}
