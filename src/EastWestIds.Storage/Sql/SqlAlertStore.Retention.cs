using System.Data.Common;

namespace EastWestIds.Storage.Sql;

public abstract partial class SqlAlertStore
{
    /// <inheritdoc/>
    public Task<RetentionResult> RunRetentionAsync(RetentionOptions options, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.BatchSize < 1 || options.MaxBatchesPerRun < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Retention batch size and batches per run must be at least 1.");
        }

        return QueryAsync(async connection =>
        {
            // Every DELETE is its own short transaction of at most BatchSize rows: a backlog of millions is worked off
            // over several passes without ever holding SQLite's single write lock (or PostgreSQL row locks) for long.
            long byAge = 0, byCount = 0, edges = 0, baseline = 0;
            var more = false;
            if (options.MaxAge is { } maxAge)
            {
                var cutoff = StoreTime.ToMicros(now - maxAge);
                (byAge, more) = await DeleteInBatchesAsync(connection,
                    "DELETE FROM alerts WHERE id IN (SELECT id FROM alerts WHERE ts < @cutoff ORDER BY ts, id LIMIT @n)",
                    c => c.With("@cutoff", cutoff), options.BatchSize, options.MaxBatchesPerRun, cancellationToken).ConfigureAwait(false);
                if (!more)
                {
                    (edges, more) = await DeleteInBatchesAsync(connection,
                        "DELETE FROM flow_edges WHERE (caller, callee) IN (SELECT caller, callee FROM flow_edges WHERE last_seen < @cutoff LIMIT @n)",
                        c => c.With("@cutoff", cutoff), options.BatchSize, options.MaxBatchesPerRun, cancellationToken).ConfigureAwait(false);
                }

                if (!more)
                {
                    (baseline, more) = await DeleteInBatchesAsync(connection,
                        "DELETE FROM baseline WHERE (caller, callee, method, path_template) IN "
                        + "(SELECT caller, callee, method, path_template FROM baseline WHERE last_seen < @cutoff LIMIT @n)",
                        c => c.With("@cutoff", cutoff), options.BatchSize, options.MaxBatchesPerRun, cancellationToken).ConfigureAwait(false);
                }
            }

            if (!more && options.MaxAlerts is { } maxAlerts)
            {
                // The newest alert beyond the limit; it and everything older go.
                long? ts = null, id = null;
                await using (var find = connection.Command("SELECT ts, id FROM alerts ORDER BY ts DESC, id DESC LIMIT 1 OFFSET @max").With("@max", Math.Max(0, maxAlerts)))
                await using (var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        ts = reader.Int64(0);
                        id = reader.Int64(1);
                    }
                }

                if (ts is { } boundaryTs && id is { } boundaryId)
                {
                    (byCount, more) = await DeleteInBatchesAsync(connection,
                        "DELETE FROM alerts WHERE id IN (SELECT id FROM alerts WHERE ts < @bts OR (ts = @bts AND id <= @bid) ORDER BY ts, id LIMIT @n)",
                        c => c.With("@bts", boundaryTs).With("@bid", boundaryId), options.BatchSize, options.MaxBatchesPerRun, cancellationToken).ConfigureAwait(false);
                }
            }

            return new RetentionResult(byAge, byCount, edges, baseline, more);
        }, cancellationToken);
    }

    private static async Task<(long Deleted, bool More)> DeleteInBatchesAsync(
        DbConnection connection, string sql, Action<DbCommand> bind, int batchSize, int statements, CancellationToken cancellationToken)
    {
        long total = 0;
        await using var command = connection.Command(sql);
        bind(command);
        command.With("@n", batchSize);
        for (var i = 0; i < statements; i++)
        {
            var deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            total += deleted;
            if (deleted < batchSize)
            {
                return (total, false);
            }
        }

        return (total, true);
    }
}
