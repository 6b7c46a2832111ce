using System.Data.Common;
using EastWestIds.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace EastWestIds.Storage.Sqlite;

/// <summary>
/// The embedded default: one SQLite file. WAL journal (readers never block the writer, a crash rolls back to the
/// last commit), <c>synchronous=NORMAL</c> (a killed process loses nothing committed; only a power cut can lose the
/// last commits, acceptable for an alert log and much cheaper than a sync per batch), and a busy timeout so the
/// writer, retention and API queries take turns on SQLite's single write lock instead of failing.
/// </summary>
public sealed class SqliteAlertStore : SqlAlertStore
{
    /// <summary>The database file's name inside the data directory.</summary>
    public const string FileName = "ewids.db";

    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;

    /// <param name="databasePath">The database file; its directory is created if missing.</param>
    /// <param name="busyTimeout">How long a statement waits for the write lock before the database counts as unavailable. Default 5 s.</param>
    /// <param name="timeProvider">The clock for audit and suppression times.</param>
    public SqliteAlertStore(string databasePath, TimeSpan? busyTimeout = null, TimeProvider? timeProvider = null)
        : base(SqlDialect.Sqlite, timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        _busyTimeoutMs = (int)Math.Clamp((busyTimeout ?? TimeSpan.FromSeconds(5)).TotalMilliseconds, 0, int.MaxValue);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Microsoft.Data.Sqlite retries SQLITE_BUSY itself up to the command timeout (whole seconds).
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(_busyTimeoutMs / 1000.0)),
        }.ToString();
    }

    /// <summary>A store in <paramref name="dataDirectory"/> (<c>--data-dir</c>), file <see cref="FileName"/>.</summary>
    public static SqliteAlertStore InDirectory(string dataDirectory, TimeSpan? busyTimeout = null, TimeProvider? timeProvider = null)
        => new(Path.Combine(dataDirectory, FileName), busyTimeout, timeProvider);

    /// <summary>The database file's full path.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc/>
    public override string Kind => "sqlite";

    /// <inheritdoc/>
    protected override DbConnection CreateConnection()
    {
        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        return new SqliteConnection(_connectionString);
    }

    /// <inheritdoc/>
    protected override async Task OnOpenedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var pragmas = connection.Command($"PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
        await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override async Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // WAL is a property of the file: set once, kept by every later connection. It cannot change inside a transaction.
        await using var wal = connection.Command("PRAGMA journal_mode = WAL;");
        var mode = (await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)) as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new StoreUnavailableException($"SQLite refused WAL mode for {DatabasePath} (journal mode is '{mode}').");
        }
    }

    /// <inheritdoc/>
    protected override Task<IAsyncDisposable> LockMigrationsAsync(DbConnection connection, CancellationToken cancellationToken)
        // The migration transaction is BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default): it takes the write lock
        // first, so a second process starting at the same time waits for it and then finds the schema current.
        => Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    /// <inheritdoc/>
    protected internal override bool IsDataError(Exception exception)
        => exception is SqliteException { SqliteErrorCode: 19 /* SQLITE_CONSTRAINT */ or 18 /* SQLITE_TOOBIG */ or 20 /* SQLITE_MISMATCH */ };

    /// <summary>Runs <c>PRAGMA integrity_check</c>; "ok" when the file is sound.</summary>
    public async Task<string> CheckIntegrityAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var check = connection.Command("PRAGMA integrity_check;");
        return (await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)) as string ?? "";
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file (and its -wal/-shm) open; release this file's so the directory can be removed.
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        return base.DisposeAsync();
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
