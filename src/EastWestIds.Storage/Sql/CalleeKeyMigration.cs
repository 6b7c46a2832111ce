using System.Data.Common;
using EastWestIds.Storage.Model;

namespace EastWestIds.Storage.Sql;

/// <summary>
/// The schema step that re-keys suppressions and flow edges by <see cref="CalleeKey"/> (the Service however the caller
/// spelled its host) instead of the host as used, and indexes <c>alerts.outcome</c> for the API's <c>outcome</c> filter.
/// </summary>
/// <remarks>
/// Existing suppressions keep working and keep their ids: each row's callee becomes its key. Rows that turn out to be
/// the same suppression (<c>ratings</c> and <c>ratings.bookinfo</c> for one sid and caller) merge into the one that
/// already had the key, else the oldest; the others' hits are added to it and they are deleted (their audit entries
/// stay). Flow edges of one Service merge the same way (counts and alerts added, first seen the earliest, last seen the
/// latest). The DDL is re-runnable (<c>IF NOT EXISTS</c>) and the re-keying idempotent (a key's key is itself).
/// </remarks>
internal static class CalleeKeyMigration
{
    public static Migrations.Migration Step(int version) => new(
        version,
        "suppressions and flow edges keyed by the callee's Service (name.namespace); index on alerts.outcome",
        _ => ["CREATE INDEX IF NOT EXISTS ix_alerts_outcome ON alerts (outcome, ts, id)"],
        RekeyAsync);

    private sealed record SuppressionRow(long Id, int Sid, string Caller, string Callee, long Hits, long? LastHit);

    private static async Task RekeyAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await RekeySuppressionsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        await RekeyEdgesAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
    }

    private static async Task RekeySuppressionsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var groups = new Dictionary<(int Sid, string Caller, string Key), List<SuppressionRow>>();
        await using (var select = connection.Command("SELECT id, sid, caller, callee, hits, last_hit FROM suppressions ORDER BY id", transaction))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = new SuppressionRow(reader.Int64(0), (int)reader.Int64(1), reader.GetString(2), reader.GetString(3), reader.Int64(4), reader.NullableInt64(5));
                var key = (row.Sid, row.Caller, StoredText.Clean(CalleeKey.Of(row.Caller, row.Callee)));
                if (!groups.TryGetValue(key, out var list))
                {
                    groups[key] = list = [];
                }

                list.Add(row);
            }
        }

        await using var delete = connection.Command("DELETE FROM suppressions WHERE id = @id", transaction).With("@id", 0L);
        await using var update = connection.Command(
                "UPDATE suppressions SET callee = @callee, hits = @hits, last_hit = @last WHERE id = @id", transaction)
            .With("@callee", "").With("@hits", 0L).With("@last", null).With("@id", 0L);
        foreach (var ((_, _, key), rows) in groups)
        {
            if (rows.Count == 1 && rows[0].Callee == key)
            {
                continue;
            }

            // The row already keyed so survives (it may be the one analysts know by id), else the oldest. The others go
            // first, so the survivor's new key never meets the unique constraint on (sid, caller, callee).
            var survivor = rows.Find(r => r.Callee == key) ?? rows[0];
            long hits = 0;
            long? last = null;
            foreach (var row in rows)
            {
                hits += row.Hits;
                last = row.LastHit is { } l && (last is null || l > last) ? l : last;
                if (row.Id != survivor.Id)
                {
                    delete.Set("@id", row.Id);
                    await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            update.Set("@callee", key);
            update.Set("@hits", hits);
            update.Set("@last", last);
            update.Set("@id", survivor.Id);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task RekeyEdgesAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        // Each row whose callee is not its key is taken out and added into the key's row (made when absent).
        var moves = new List<(string Caller, string Callee, string Key, long[] Values)>();
        await using (var select = connection.Command(
            "SELECT caller, callee, none_count, allowed, denied, would_deny, ext_authz, unprotected, alerts, first_seen, last_seen FROM flow_edges", transaction))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var caller = reader.GetString(0);
                var callee = reader.GetString(1);
                var key = StoredText.Clean(CalleeKey.Of(caller, callee));
                if (key != callee)
                {
                    var values = new long[9];
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] = reader.Int64(i + 2);
                    }

                    moves.Add((caller, callee, key, values));
                }
            }
        }

        if (moves.Count == 0)
        {
            return;
        }

        await using var delete = connection.Command("DELETE FROM flow_edges WHERE caller = @caller AND callee = @callee", transaction)
            .With("@caller", "").With("@callee", "");
        await using var upsert = connection.Command(
            "INSERT INTO flow_edges (caller, callee, none_count, allowed, denied, would_deny, ext_authz, unprotected, alerts, first_seen, last_seen) "
            + "VALUES (@caller, @callee, @v0, @v1, @v2, @v3, @v4, @v5, @v6, @v7, @v8) "
            + "ON CONFLICT (caller, callee) DO UPDATE SET none_count = flow_edges.none_count + excluded.none_count, "
            + "allowed = flow_edges.allowed + excluded.allowed, denied = flow_edges.denied + excluded.denied, "
            + "would_deny = flow_edges.would_deny + excluded.would_deny, ext_authz = flow_edges.ext_authz + excluded.ext_authz, "
            + "unprotected = flow_edges.unprotected + excluded.unprotected, alerts = flow_edges.alerts + excluded.alerts, "
            + "first_seen = CASE WHEN excluded.first_seen < flow_edges.first_seen THEN excluded.first_seen ELSE flow_edges.first_seen END, "
            + "last_seen = CASE WHEN excluded.last_seen > flow_edges.last_seen THEN excluded.last_seen ELSE flow_edges.last_seen END",
            transaction).With("@caller", "").With("@callee", "");
        for (var i = 0; i < 9; i++)
        {
            upsert.With("@v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), 0L);
        }

        foreach (var (caller, callee, key, values) in moves)
        {
            delete.Set("@caller", caller);
            delete.Set("@callee", callee);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            upsert.Set("@caller", caller);
            upsert.Set("@callee", key);
            for (var i = 0; i < values.Length; i++)
            {
                upsert.Set("@v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), values[i]);
            }

            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
