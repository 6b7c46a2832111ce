using System.Runtime.CompilerServices;
using EastWestIds.Storage.Model;

namespace EastWestIds.Storage.Sql;

public abstract partial class SqlAlertStore
{
    /// <summary>Largest page a list returns.</summary>
    public const int MaxPageSize = 1000;

    /// <inheritdoc/>
    public Task<AlertPage> ListAlertsAsync(AlertFilter filter, int limit, string? cursor = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (limit is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"The page size must be between 1 and {MaxPageSize}.");
        }

        AlertCursor? after = null;
        if (cursor is not null)
        {
            if (!AlertCursor.TryParse(cursor, out var parsed))
            {
                throw new ArgumentException("The cursor is not one this store made.", nameof(cursor));
            }

            after = parsed;
        }

        return QueryAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            var where = AlertWhere.Build(command, filter, after);
            // One more than asked: whether it exists says whether there is a next page, without a COUNT.
            command.CommandText = $"SELECT {AlertColumns.Select} FROM alerts{where} ORDER BY ts DESC, id DESC LIMIT {limit + 1}";
            var alerts = new List<AlertRecord>(Math.Min(limit + 1, 128));
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    alerts.Add(AlertColumns.Read(reader));
                }
            }

            string? next = null;
            if (alerts.Count > limit)
            {
                alerts.RemoveAt(alerts.Count - 1);
                var last = alerts[^1];
                next = new AlertCursor(StoreTime.ToMicros(last.Timestamp), last.Id).Encode();
            }

            return new AlertPage(alerts, next);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<long> CountAlertsAsync(AlertFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return QueryAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM alerts" + AlertWhere.Build(command, filter, null);
            return await command.ScalarInt64Async(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<AlertRecord?> GetAlertAsync(long id, CancellationToken cancellationToken = default)
        => QueryAsync(async connection =>
        {
            await using var command = connection.Command($"SELECT {AlertColumns.Select} FROM alerts WHERE id = @id").With("@id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? AlertColumns.Read(reader) : null;
        }, cancellationToken);

    /// <inheritdoc/>
    public async IAsyncEnumerable<AlertRecord> ExportAsync(AlertFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        // One query read row by row: the provider streams rows from the server (PostgreSQL) or the file (SQLite),
        // so memory holds one row at a time however many match.
        await using var connection = await OpenInitializedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AlertColumns.Select} FROM alerts{AlertWhere.Build(command, filter, null)} ORDER BY ts DESC, id DESC";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return AlertColumns.Read(reader);
        }
    }
}
