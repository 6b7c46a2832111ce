using EastWestIds.Storage.Model;

namespace EastWestIds.Storage.Sql;

public abstract partial class SqlAlertStore
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<FlowEdge>> ListEdgesAsync(DateTimeOffset? since = null, int limit = 1000, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The edge limit must be between 1 and 100000.");
        }

        return QueryAsync<IReadOnlyList<FlowEdge>>(async connection =>
        {
            await using var command = connection.CreateCommand();
            var where = "";
            if (since is { } from)
            {
                where = " WHERE last_seen >= @since";
                command.With("@since", StoreTime.ToMicros(from));
            }

            command.CommandText =
                "SELECT caller, callee, none_count, allowed, denied, would_deny, ext_authz, unprotected, alerts, first_seen, last_seen FROM flow_edges"
                + where
                + $" ORDER BY (none_count + allowed + denied + would_deny + ext_authz + unprotected + alerts) DESC, caller, callee LIMIT {limit}";
            var edges = new List<FlowEdge>();
            await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                edges.Add(new FlowEdge(
                    r.GetString(0),
                    r.GetString(1),
                    new VerdictCounts(r.Int64(2), r.Int64(3), r.Int64(4), r.Int64(5), r.Int64(6), r.Int64(7)),
                    r.Int64(8),
                    StoreTime.FromMicros(r.Int64(9)),
                    StoreTime.FromMicros(r.Int64(10))));
            }

            return edges;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<BaselineEntry>> ListBaselineAsync(string? caller = null, string? callee = null, int limit = 10000, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The baseline limit must be between 1 and 1000000.");
        }

        return QueryAsync<IReadOnlyList<BaselineEntry>>(async connection =>
        {
            await using var command = connection.CreateCommand();
            var where = new List<string>(2);
            if (caller is not null)
            {
                where.Add("caller = @caller");
                command.With("@caller", StoredText.Clean(caller));
            }

            if (callee is not null)
            {
                where.Add("callee = @callee");
                command.With("@callee", StoredText.Clean(callee));
            }

            command.CommandText = "SELECT caller, callee, method, path_template, count, first_seen, last_seen FROM baseline"
                + (where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where))
                + $" ORDER BY caller, callee, method, path_template LIMIT {limit}";
            var entries = new List<BaselineEntry>();
            await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(new BaselineEntry(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.Int64(4), StoreTime.FromMicros(r.Int64(5)), StoreTime.FromMicros(r.Int64(6))));
            }

            return entries;
        }, cancellationToken);
    }
}
