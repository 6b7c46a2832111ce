using System.Data.Common;
using EastWestIds.Storage.Model;

namespace EastWestIds.Storage.Sql;

/// <summary>
/// The one implementation of <see cref="IAlertStore"/> over ADO.NET; <see cref="Sqlite.SqliteAlertStore"/> and
/// <see cref="Postgres.PostgresAlertStore"/> only say how to connect, how to lock migrations and which errors
/// mean "the database is away" rather than "this row is bad". Split by concern into partial files.
/// </summary>
public abstract partial class SqlAlertStore : IAlertStore
{
    private readonly SqlDialect _dialect;
    private readonly SuppressionCache _suppressions;

    // Serializes "read suppressions, publish snapshot" so a slow periodic refresh can never publish a snapshot older
    // than one a create or delete just published.
    private readonly SemaphoreSlim _suppressionLoad = new(1, 1);
    private volatile bool _initialized;

    private protected SqlAlertStore(SqlDialect dialect, TimeProvider? timeProvider)
    {
        _dialect = dialect;
        Time = timeProvider ?? TimeProvider.System;
        _suppressions = new SuppressionCache(Time);
    }

    /// <inheritdoc/>
    public abstract string Kind { get; }

    /// <summary>The clock used for audit, suppression and hit times.</summary>
    protected TimeProvider Time { get; }

    /// <summary>A new, unopened connection.</summary>
    protected abstract DbConnection CreateConnection();

    /// <summary>Per-connection settings after open (SQLite pragmas); nothing for PostgreSQL.</summary>
    protected virtual Task OnOpenedAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>One-time database settings before migrations (SQLite's WAL journal).</summary>
    protected virtual Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Serializes migrations across processes; disposed to release. The transaction that follows must be exclusive too.</summary>
    protected abstract Task<IAsyncDisposable> LockMigrationsAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// True when an error is about the data (a constraint or a value the database refuses), so retrying the same rows
    /// cannot help; false when the database is away, locked, full or failing, so the same write may succeed later.
    /// </summary>
    protected internal abstract bool IsDataError(Exception exception);

    /// <summary>Called when the database turned out to be away: PostgreSQL drops its pooled sessions (after a server restart they are all dead).</summary>
    protected virtual void OnUnavailable()
    {
    }

    /// <inheritdoc/>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
        {
            return;
        }

        await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            await PrepareDatabaseAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (await LockMigrationsAsync(connection, cancellationToken).ConfigureAwait(false))
            {
                await MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
            }
        }

        await LoadSuppressionsAsync(cancellationToken).ConfigureAwait(false);
        _initialized = true;
    }

    /// <inheritdoc/>
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadSchemaVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task MigrateAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var create = connection.Command(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at BIGINT NOT NULL, description TEXT NOT NULL)",
            transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var current = await ReadSchemaVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (current > Migrations.LatestVersion)
        {
            throw new InvalidOperationException(
                $"The {Kind} database is at schema version {current}, newer than this build knows ({Migrations.LatestVersion}): run a newer ewids.");
        }

        foreach (var migration in Migrations.All)
        {
            if (migration.Version <= current)
            {
                continue;
            }

            foreach (var statement in migration.Statements(_dialect))
            {
                await using var command = connection.Command(statement, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (migration.Backfill is { } backfill)
            {
                await backfill(connection, transaction, cancellationToken).ConfigureAwait(false);
            }

            await using var record = connection.Command(
                    "INSERT INTO schema_version (version, applied_at, description) VALUES (@v, @t, @d)", transaction)
                .With("@v", migration.Version)
                .With("@t", StoreTime.ToMicros(Time.GetUtcNow()))
                .With("@d", migration.Description);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> ReadSchemaVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = connection.Command("SELECT MAX(version) FROM schema_version", transaction);
            return (int)await command.ScalarInt64Async(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException) when (transaction is null)
        {
            return 0; // no table yet
        }
    }

    /// <summary>Opens a connection, mapping "cannot reach the database" to <see cref="StoreUnavailableException"/>.</summary>
    private protected async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection;
        try
        {
            connection = CreateConnection();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException($"The {Kind} store cannot be opened: {ex.Message}", ex);
        }

        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await OnOpenedAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !IsDataError(ex))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            OnUnavailable();
            throw new StoreUnavailableException($"The {Kind} store cannot be opened: {ex.Message}", ex);
        }
    }

    private protected Task<DbConnection> OpenInitializedAsync(CancellationToken cancellationToken)
        => _initialized
            ? OpenAsync(cancellationToken)
            : throw new InvalidOperationException($"The {Kind} store is not initialized: call InitializeAsync first.");

    /// <inheritdoc/>
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.Command("SELECT 1");
            return await command.ScalarInt64Async(cancellationToken).ConfigureAwait(false) == 1;
        }
        catch (Exception ex) when (ex is StoreUnavailableException or DbException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public virtual ValueTask DisposeAsync()
    {
        _suppressionLoad.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
