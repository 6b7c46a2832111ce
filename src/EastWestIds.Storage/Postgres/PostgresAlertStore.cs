using System.Data.Common;
using EastWestIds.Storage.Sql;
using Npgsql;

namespace EastWestIds.Storage.Postgres;

/// <summary>
/// The shared store for several sink replicas. Same schema and behaviour as SQLite; migrations at start are
/// serialized across replicas with a session advisory lock, so replicas starting together apply each once.
/// </summary>
public sealed class PostgresAlertStore : SqlAlertStore
{
    /// <summary>The advisory lock key migrations hold ("ewids" in ASCII); any constant unlikely to clash works.</summary>
    private const long MigrationLockKey = 0x65_77_69_64_73;

    private readonly NpgsqlDataSource _dataSource;
    private int _disposed;

    /// <param name="connection">A <c>postgres://user:pass@host:port/db?…</c> URL or an Npgsql <c>key=value</c> connection string.</param>
    /// <param name="timeProvider">The clock for audit and suppression times.</param>
    public PostgresAlertStore(string connection, TimeProvider? timeProvider = null)
        : base(SqlDialect.Postgres, timeProvider)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Parse(connection));
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "ewids";
        }

        // Fail fast when the server is away: the writer retries with backoff, and API calls should answer 503 promptly.
        if (!ConnectionStringHas(connection, "timeout"))
        {
            builder.Timeout = 5;
        }

        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        Description = $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    /// <summary>Host, port and database (never the password), for logs.</summary>
    public string Description { get; }

    /// <inheritdoc/>
    public override string Kind => "postgres";

    /// <inheritdoc/>
    protected override DbConnection CreateConnection() => _dataSource.CreateConnection();

    /// <inheritdoc/>
    protected override async Task<IAsyncDisposable> LockMigrationsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using (var lockCommand = connection.Command("SELECT pg_advisory_lock(@key)").With("@key", MigrationLockKey))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return new AdvisoryLock(connection);
    }

    /// <inheritdoc/>
    protected override void OnUnavailable() => _dataSource.Clear();

    /// <inheritdoc/>
    protected internal override bool IsDataError(Exception exception)
        // Class 22 (data exception) and 23 (integrity constraint violation) are about the rows; anything else —
        // connection failures, shutdown (57P), too many connections (53), read-only (25006) — is the server's state.
        => exception is PostgresException { SqlState: var state } && (state.StartsWith("22", StringComparison.Ordinal) || state.StartsWith("23", StringComparison.Ordinal));

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private static bool ConnectionStringHas(string connection, string key)
        => !PostgresConnectionString.IsUrl(connection) && connection.Contains(key, StringComparison.OrdinalIgnoreCase)
            || PostgresConnectionString.IsUrl(connection) && connection.Contains("connect_timeout", StringComparison.OrdinalIgnoreCase);

    private sealed class AdvisoryLock(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // Session locks die with the session anyway; unlock explicitly because pooled sessions live on.
            await using var unlock = connection.Command("SELECT pg_advisory_unlock(@key)").With("@key", MigrationLockKey);
            await unlock.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }
}
