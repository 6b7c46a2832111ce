using System.Data.Common;
using EastWestIds.Storage.Model;

namespace EastWestIds.Storage.Sql;

/// <summary>
/// The schema, as numbered migrations applied in order at start (<see cref="SqlAlertStore.InitializeAsync"/>).
/// A migration is never edited once released: change the schema by appending one. Each is plain SQL both databases
/// accept; the only dialect-specific pieces are the identity column and the functions named in <see cref="SqlDialect"/>.
/// </summary>
internal static class Migrations
{
    /// <param name="Version">Applied in order; recorded in <c>schema_version</c>.</param>
    /// <param name="Description">What it does, recorded beside the version.</param>
    /// <param name="Statements">The DDL, run first.</param>
    /// <param name="Backfill">Rewrites existing rows after the DDL, in the same transaction, when a new column's value
    /// needs code both databases cannot share as SQL; null when the DDL is all.</param>
    public sealed record Migration(int Version, string Description, Func<SqlDialect, string[]> Statements,
        Func<DbConnection, DbTransaction, CancellationToken, Task>? Backfill = null);

    public static readonly Migration[] All =
    [
        new(1, "alerts, audit, suppressions, flow edges, baseline", d =>
        [
            $"""
            CREATE TABLE alerts (
                id {d.IdentityColumn},
                ts BIGINT NOT NULL,
                sid INTEGER NOT NULL,
                rev INTEGER NOT NULL,
                message TEXT NOT NULL,
                category TEXT NOT NULL,
                severity INTEGER NOT NULL,
                family TEXT NOT NULL,
                caller_principal TEXT NOT NULL,
                caller_namespace TEXT NOT NULL,
                caller_service_account TEXT NOT NULL,
                caller_workload TEXT NOT NULL,
                callee_service TEXT NOT NULL,
                callee_namespace TEXT NOT NULL,
                callee_port INTEGER NOT NULL,
                verdict TEXT NOT NULL,
                policy_name TEXT NULL,
                policy_rule TEXT NULL,
                flow_id BIGINT NULL,
                community_id TEXT NULL,
                request_line TEXT NOT NULL,
                method TEXT NOT NULL,
                host TEXT NOT NULL,
                path TEXT NOT NULL,
                headers TEXT NOT NULL,
                body_excerpt TEXT NULL,
                evidence_buffer TEXT NULL,
                evidence_excerpt TEXT NULL,
                evidence_offset INTEGER NULL,
                evidence_length INTEGER NULL,
                eve_json TEXT NULL,
                redacted INTEGER NOT NULL,
                triage_state TEXT NOT NULL,
                triage_comment TEXT NULL,
                triage_actor TEXT NULL,
                triage_at BIGINT NULL
            )
            """,
            // Every list is ordered by (ts, id) descending; each filter column leads an index ending in (ts, id)
            // so a filtered page is an index range scan whatever the table size.
            "CREATE INDEX ix_alerts_ts ON alerts (ts, id)",
            "CREATE INDEX ix_alerts_sid ON alerts (sid, ts, id)",
            "CREATE INDEX ix_alerts_caller ON alerts (caller_principal, ts, id)",
            "CREATE INDEX ix_alerts_callee ON alerts (callee_service, ts, id)",
            "CREATE INDEX ix_alerts_triage ON alerts (triage_state, ts, id)",
            "CREATE INDEX ix_alerts_severity ON alerts (severity, ts, id)",
            $"""
            CREATE TABLE audit (
                id {d.IdentityColumn},
                alert_id BIGINT NULL,
                suppression_id BIGINT NULL,
                at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                from_state TEXT NULL,
                to_state TEXT NULL,
                comment TEXT NULL
            )
            """,
            "CREATE INDEX ix_audit_alert ON audit (alert_id, id)",
            $"""
            CREATE TABLE suppressions (
                id {d.IdentityColumn},
                sid INTEGER NOT NULL,
                caller TEXT NOT NULL,
                callee TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                created_by TEXT NOT NULL,
                comment TEXT NULL,
                from_alert_id BIGINT NULL,
                hits BIGINT NOT NULL,
                last_hit BIGINT NULL,
                UNIQUE (sid, caller, callee)
            )
            """,
            """
            CREATE TABLE flow_edges (
                caller TEXT NOT NULL,
                callee TEXT NOT NULL,
                none_count BIGINT NOT NULL,
                allowed BIGINT NOT NULL,
                denied BIGINT NOT NULL,
                would_deny BIGINT NOT NULL,
                ext_authz BIGINT NOT NULL,
                unprotected BIGINT NOT NULL,
                alerts BIGINT NOT NULL,
                first_seen BIGINT NOT NULL,
                last_seen BIGINT NOT NULL,
                PRIMARY KEY (caller, callee)
            )
            """,
            "CREATE INDEX ix_flow_edges_last_seen ON flow_edges (last_seen)",
            """
            CREATE TABLE baseline (
                caller TEXT NOT NULL,
                callee TEXT NOT NULL,
                method TEXT NOT NULL,
                path_template TEXT NOT NULL,
                count BIGINT NOT NULL,
                first_seen BIGINT NOT NULL,
                last_seen BIGINT NOT NULL,
                PRIMARY KEY (caller, callee, method, path_template)
            )
            """,
            "CREATE INDEX ix_baseline_last_seen ON baseline (last_seen)",
        ]),
        new(2, "alerts.callee_name (the Service however the caller spelled it) and alerts.related_sids", _ =>
        [
            // callee_service stays the host as used (edges and suppressions keyed on it until migration 4); callee_name with callee_namespace
            // is the Service it names, which the API's callee filter matches (CalleeServiceName).
            "ALTER TABLE alerts ADD COLUMN callee_name TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE alerts ADD COLUMN related_sids TEXT NOT NULL DEFAULT ''",
            "CREATE INDEX ix_alerts_callee_name ON alerts (callee_name, ts, id)",
        ], BackfillCalleeNamesAsync),

        // alerts.outcome (the inline proxy's blocked / would-block / …): its own file, see OutcomeMigration.
        OutcomeMigration.Step(3),

        // suppressions and flow_edges re-keyed by the callee's Service; index for the outcome filter: see CalleeKeyMigration.
        CalleeKeyMigration.Step(4),
    ];

    /// <summary>
    /// Fills <c>callee_name</c> of alerts stored before version 2, with the same function the writer uses now. One UPDATE
    /// per distinct (host, namespace) pair: a mesh has few services, however many alerts it has stored.
    /// </summary>
    private static async Task BackfillCalleeNamesAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var pairs = new List<(string Host, string Namespace)>();
        await using (var distinct = connection.Command("SELECT DISTINCT callee_service, callee_namespace FROM alerts", transaction))
        await using (var reader = await distinct.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                pairs.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        await using var update = connection.Command(
            "UPDATE alerts SET callee_name = @name WHERE callee_service = @host AND callee_namespace = @ns", transaction)
            .With("@name", "").With("@host", "").With("@ns", "");
        foreach (var (host, ns) in pairs)
        {
            var name = CalleeServiceName.Of(host, ns);
            if (name.Length == 0)
            {
                continue; // unknown callee: the column's default is already right
            }

            update.Set("@name", StoredText.Clean(name));
            update.Set("@host", host);
            update.Set("@ns", ns);
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static int LatestVersion => All[^1].Version;
}
