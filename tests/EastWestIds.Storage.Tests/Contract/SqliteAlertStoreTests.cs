using EastWestIds.Storage.Sql;
using EastWestIds.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace EastWestIds.Storage.Tests.Contract;

/// <summary>The store contract on SQLite files in a temp directory.</summary>
public sealed class SqliteAlertStoreTests : AlertStoreContract, IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ewids-sqlite-");

    protected override Task<string> NewDatabaseAsync()
        => Task.FromResult(Path.Combine(_directory.FullName, Guid.NewGuid().ToString("N"), SqliteAlertStore.FileName));

    // A short busy timeout so "the database is locked" turns into "unavailable" quickly in the outage tests.
    protected override SqlAlertStore Open(string location, TimeProvider? time = null) => new SqliteAlertStore(location, TimeSpan.FromMilliseconds(200), time);

    protected override async Task<IAsyncDisposable> TakeDownAsync(string location)
    {
        // Another process holding the write lock is what "SQLite unavailable" looks like: every write waits out its
        // busy timeout and fails with SQLITE_BUSY until the lock is released.
        Directory.CreateDirectory(Path.GetDirectoryName(location)!);
        var connection = new SqliteConnection($"Data Source={location};Pooling=False");
        await connection.OpenAsync();
        await using (var begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync();
        }

        return new Release(connection);
    }

    protected override async Task RejectSidAsync(string location, int sid)
    {
        await using var connection = new SqliteConnection($"Data Source={location};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // RAISE(ABORT) fails the statement with SQLITE_CONSTRAINT, as a real constraint would.
        command.CommandText = $"CREATE TRIGGER reject_sid BEFORE INSERT ON alerts WHEN NEW.sid = {sid} BEGIN SELECT RAISE(ABORT, 'sid refused'); END;";
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<long> ScalarAsync(string location, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={location};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Initialize_File_IsInWalMode()
    {
        var location = await NewDatabaseAsync();
        await using var store = new SqliteAlertStore(location);
        await store.InitializeAsync();

        await using var connection = new SqliteConnection($"Data Source={location};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
        Assert.Equal("ok", await store.CheckIntegrityAsync());
    }

    [Fact]
    public async Task Initialize_DataDirectoryIsAFile_StoreUnavailableNamingThePath()
    {
        var file = Path.Combine(_directory.FullName, "not-a-directory");
        await File.WriteAllTextAsync(file, "x");
        await using var store = SqliteAlertStore.InDirectory(file);

        var ex = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.InitializeAsync());

        Assert.Contains("not-a-directory", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class Release(SqliteConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (var rollback = connection.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK;";
                await rollback.ExecuteNonQueryAsync();
            }

            await connection.DisposeAsync();
        }
    }
}
