using System.Data.Common;
using EastWestIds.Storage.Model;

namespace EastWestIds.Storage.Sql;

public abstract partial class SqlAlertStore
{
    /// <inheritdoc/>
    public async Task WriteBatchAsync(StoreBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.IsEmpty)
        {
            return;
        }

        try
        {
            await WriteBatchCoreAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not StoreUnavailableException and not InvalidOperationException)
        {
            if (!IsDataError(ex))
            {
                OnUnavailable();
            }

            throw IsDataError(ex)
                ? new StoreDataException($"The {Kind} store refused the batch: {ex.Message}", ex)
                : new StoreUnavailableException($"The {Kind} store failed to write: {ex.Message}", ex);
        }
    }

    private async Task WriteBatchCoreAsync(StoreBatch batch, CancellationToken cancellationToken)
    {
        await using var connection = await OpenInitializedAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        if (batch.Alerts.Count > 0)
        {
            await using var insert = AlertColumns.CreateInsert(connection, transaction);
            foreach (var alert in batch.Alerts)
            {
                AlertColumns.Bind(insert, alert);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var edges = CoalesceEdges(batch);
        if (edges.Count > 0)
        {
            await using var upsert = connection.Command(
                "INSERT INTO flow_edges (caller, callee, none_count, allowed, denied, would_deny, ext_authz, unprotected, alerts, first_seen, last_seen) "
                + "VALUES (@caller, @callee, @none, @allowed, @denied, @would_deny, @ext_authz, @unprotected, @alerts, @first, @last) "
                + "ON CONFLICT (caller, callee) DO UPDATE SET none_count = flow_edges.none_count + excluded.none_count, "
                + "allowed = flow_edges.allowed + excluded.allowed, denied = flow_edges.denied + excluded.denied, "
                + "would_deny = flow_edges.would_deny + excluded.would_deny, ext_authz = flow_edges.ext_authz + excluded.ext_authz, "
                + "unprotected = flow_edges.unprotected + excluded.unprotected, alerts = flow_edges.alerts + excluded.alerts, "
                + $"first_seen = {_dialect.Least}(flow_edges.first_seen, excluded.first_seen), "
                + $"last_seen = {_dialect.Greatest}(flow_edges.last_seen, excluded.last_seen)",
                transaction);
            foreach (var name in (string[])["@caller", "@callee", "@none", "@allowed", "@denied", "@would_deny", "@ext_authz", "@unprotected", "@alerts", "@first", "@last"])
            {
                upsert.With(name, null);
            }

            foreach (var ((caller, callee), edge) in edges)
            {
                upsert.Set("@caller", StoredText.Clean(caller));
                upsert.Set("@callee", StoredText.Clean(callee));
                upsert.Set("@none", edge.Counts.None);
                upsert.Set("@allowed", edge.Counts.Allowed);
                upsert.Set("@denied", edge.Counts.Denied);
                upsert.Set("@would_deny", edge.Counts.WouldDeny);
                upsert.Set("@ext_authz", edge.Counts.ExtAuthz);
                upsert.Set("@unprotected", edge.Counts.Unprotected);
                upsert.Set("@alerts", edge.Alerts);
                upsert.Set("@first", edge.First);
                upsert.Set("@last", edge.Last);
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (batch.Baseline.Count > 0)
        {
            await WriteBaselineAsync(connection, transaction, batch.Baseline, cancellationToken).ConfigureAwait(false);
        }

        if (batch.SuppressionHits.Count > 0)
        {
            await using var hits = connection.Command(
                    $"UPDATE suppressions SET hits = hits + @hits, last_hit = {_dialect.Greatest}(COALESCE(last_hit, 0), @last) WHERE id = @id",
                    transaction)
                .With("@hits", null).With("@last", null).With("@id", null);
            foreach (var hit in batch.SuppressionHits)
            {
                hits.Set("@hits", hit.Hits);
                hits.Set("@last", StoreTime.ToMicros(hit.LastHit));
                hits.Set("@id", hit.SuppressionId);
                await hits.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteBaselineAsync(DbConnection connection, DbTransaction transaction, List<BaselineDelta> deltas, CancellationToken cancellationToken)
    {
        // Same shape twice in one batch: add them first, one upsert per key (PostgreSQL refuses to touch a row twice in one statement, and fewer round trips anyway).
        var merged = new Dictionary<(string, string, string, string), (long Count, long First, long Last)>();
        foreach (var d in deltas)
        {
            var key = (StoredText.Clean(d.Caller), StoredText.Clean(d.Callee), StoredText.Clean(d.Method), StoredText.Clean(d.PathTemplate));
            var first = StoreTime.ToMicros(d.FirstSeen);
            var last = StoreTime.ToMicros(d.LastSeen);
            merged[key] = merged.TryGetValue(key, out var m) ? (m.Count + d.Count, Math.Min(m.First, first), Math.Max(m.Last, last)) : (d.Count, first, last);
        }

        await using var upsert = connection.Command(
                "INSERT INTO baseline (caller, callee, method, path_template, count, first_seen, last_seen) VALUES (@caller, @callee, @method, @path, @count, @first, @last) "
                + "ON CONFLICT (caller, callee, method, path_template) DO UPDATE SET count = baseline.count + excluded.count, "
                + $"first_seen = {_dialect.Least}(baseline.first_seen, excluded.first_seen), last_seen = {_dialect.Greatest}(baseline.last_seen, excluded.last_seen)",
                transaction)
            .With("@caller", null).With("@callee", null).With("@method", null).With("@path", null).With("@count", null).With("@first", null).With("@last", null);
        foreach (var ((caller, callee, method, path), value) in merged)
        {
            upsert.Set("@caller", caller);
            upsert.Set("@callee", callee);
            upsert.Set("@method", method);
            upsert.Set("@path", path);
            upsert.Set("@count", value.Count);
            upsert.Set("@first", value.First);
            upsert.Set("@last", value.Last);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class EdgeSum
    {
        public VerdictCounts Counts;
        public long Alerts;
        public long First = long.MaxValue;
        public long Last = long.MinValue;

        public void See(long first, long last)
        {
            First = Math.Min(First, first);
            Last = Math.Max(Last, last);
        }
    }

    /// <summary>
    /// Edge deltas and the batch's alerts (one alert each on its edge), added up per edge. Callees become their
    /// <see cref="CalleeKey"/> here (an alert carries the host as used; a delta's callee already is a key, and a key's key is
    /// itself), so an alert counts on the same edge as the calls its request was counted in.
    /// </summary>
    private static Dictionary<(string, string), EdgeSum> CoalesceEdges(StoreBatch batch)
    {
        var edges = new Dictionary<(string, string), EdgeSum>();
        foreach (var delta in batch.Edges)
        {
            var sum = Edge(edges, delta.Caller, CalleeKey.Of(delta.Caller, delta.Callee));
            sum.Counts += delta.Counts;
            sum.See(StoreTime.ToMicros(delta.FirstSeen), StoreTime.ToMicros(delta.LastSeen));
        }

        foreach (var alert in batch.Alerts)
        {
            var sum = Edge(edges, alert.Caller.Principal, CalleeKey.Of(alert.Caller.Principal, alert.Callee.Service));
            sum.Alerts++;
            var at = StoreTime.ToMicros(alert.Timestamp);
            sum.See(at, at);
        }

        return edges;

        static EdgeSum Edge(Dictionary<(string, string), EdgeSum> edges, string caller, string callee)
        {
            if (!edges.TryGetValue((caller, callee), out var sum))
            {
                sum = new EdgeSum();
                edges[(caller, callee)] = sum;
            }

            return sum;
        }
    }
}
