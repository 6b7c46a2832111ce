using EastWestIds.Storage.Postgres;
using EastWestIds.Storage.Sqlite;

namespace EastWestIds.Storage;

/// <summary>
/// The operator's store choice, as <c>ewids serve</c> takes it: <c>--store</c> (empty or <c>sqlite</c> for the
/// embedded file, <c>sqlite:PATH</c> for another file, a <c>postgres://</c> URL or an Npgsql connection string
/// with <c>Host=</c>) and <c>--data-dir</c> (default <c>./ewids-data</c>) for the SQLite file.
/// </summary>
public sealed record StoreSettings
{
    public const string DefaultDataDirectory = "./ewids-data";

    public string? Store { get; init; }

    public string DataDirectory { get; init; } = DefaultDataDirectory;

    /// <summary>SQLite only: how long a statement waits for the write lock. Default 5 s.</summary>
    public TimeSpan SqliteBusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Creates the store (not yet initialized). Throws <see cref="ArgumentException"/> with a clear message for a bad <see cref="Store"/>.</summary>
    public IAlertStore CreateStore(TimeProvider? timeProvider = null)
    {
        var store = Store?.Trim();
        if (string.IsNullOrEmpty(store) || store.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return SqliteAlertStore.InDirectory(DataDirectory, SqliteBusyTimeout, timeProvider);
        }

        if (store.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = store["sqlite:".Length..];
            return path.Length == 0
                ? throw new ArgumentException("--store sqlite:PATH needs a file path.", nameof(Store))
                : new SqliteAlertStore(path, SqliteBusyTimeout, timeProvider);
        }

        if (PostgresConnectionString.IsUrl(store) || store.Contains("host=", StringComparison.OrdinalIgnoreCase))
        {
            return new PostgresAlertStore(store, timeProvider);
        }

        throw new ArgumentException(
            "--store must be empty or 'sqlite' (a file under --data-dir), 'sqlite:PATH', a postgres://user:pass@host:port/db URL, or a PostgreSQL connection string with Host=.",
            nameof(Store));
    }
}
