using System.Data.Common;
using System.Text;
using EastWestIds.Core.Findings;
using EastWestIds.Storage.Model;

namespace EastWestIds.Storage.Sql;

/// <summary>
/// Builds the WHERE clause of an alert filter with one parameter per value: only the filters present appear, so
/// PostgreSQL never has to guess the type of a NULL parameter, and IN lists are plain parameter lists both accept.
/// </summary>
internal static class AlertWhere
{
    /// <summary>Most values one IN list takes; more is a client mistake, not a query to run.</summary>
    public const int MaxListValues = 100;

    public static string Build(DbCommand command, AlertFilter filter, AlertCursor? after)
    {
        var sql = new StringBuilder();
        if (filter.From is { } from)
        {
            Add(sql, "ts >= @from");
            command.With("@from", StoreTime.ToMicros(from));
        }

        if (filter.To is { } to)
        {
            Add(sql, "ts < @to");
            command.With("@to", StoreTime.ToMicros(to));
        }

        In(sql, command, "severity", "sev", filter.Severities, s => (int)s);
        In(sql, command, "category", "cat", filter.Categories, c => StoredText.Clean(c));
        In(sql, command, "family", "fam", filter.Families, f => f.Label());
        In(sql, command, "sid", "sid", filter.Sids, s => s);
        In(sql, command, "verdict", "ver", filter.Verdicts, v => v.Label());
        In(sql, command, "triage_state", "tri", filter.TriageStates, t => t.Label());
        In(sql, command, "outcome", "out", filter.Outcomes, o => o.Label());
        if (filter.Caller is { } caller)
        {
            Add(sql, "caller_principal = @caller");
            command.With("@caller", StoredText.Clean(caller));
        }

        if (filter.Callee is { } callee)
        {
            Add(sql, "callee_service = @callee");
            command.With("@callee", StoredText.Clean(callee));
        }

        if (filter.CalleeName is { } calleeName)
        {
            Add(sql, "callee_name = @callee_name");
            command.With("@callee_name", StoredText.Clean(calleeName.ToLowerInvariant()));
        }

        if (filter.CalleeNamespace is { } calleeNamespace)
        {
            // Namespaces are stored as the request spelled them; DNS names are case-insensitive.
            Add(sql, "LOWER(callee_namespace) = @callee_namespace");
            command.With("@callee_namespace", StoredText.Clean(calleeNamespace.ToLowerInvariant()));
        }

        if (after is { } cursor)
        {
            // Spelled out rather than a row-value comparison so both planners use the (…, ts, id) index range.
            Add(sql, "(ts < @cts OR (ts = @cts AND id < @cid))");
            command.With("@cts", cursor.TimestampMicros);
            command.With("@cid", cursor.Id);
        }

        return sql.Length == 0 ? "" : " WHERE " + sql;
    }

    private static void Add(StringBuilder sql, string condition)
    {
        if (sql.Length > 0)
        {
            sql.Append(" AND ");
        }

        sql.Append(condition);
    }

    private static void In<T>(StringBuilder sql, DbCommand command, string column, string prefix, IReadOnlyList<T>? values, Func<T, object> toDb)
    {
        if (values is null)
        {
            return;
        }

        if (values.Count > MaxListValues)
        {
            throw new ArgumentException($"At most {MaxListValues} values may be given for {column}.", nameof(values));
        }

        if (values.Count == 0)
        {
            // An empty list matches nothing, as "any of no values" should.
            Add(sql, "1 = 0");
            return;
        }

        Add(sql, column + " IN (");
        for (var i = 0; i < values.Count; i++)
        {
            var name = "@" + prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? "" : ", ").Append(name);
            command.With(name, toDb(values[i]));
        }

        sql.Append(')');
    }
}
