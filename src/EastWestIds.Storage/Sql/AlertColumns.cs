using System.Data.Common;
using System.Text.Json;
using EastWestIds.Core;
using EastWestIds.Core.Findings;
using EastWestIds.Storage.Model;

namespace EastWestIds.Storage.Sql;

/// <summary>
/// The alerts table's columns in one order, and the mapping between a row and an <see cref="AlertRecord"/> both ways.
/// Headers are one JSON column (<c>[["name","value"],…]</c>): they are only ever read with their alert.
/// </summary>
internal static class AlertColumns
{
    public const string Select =
        "id, ts, sid, rev, message, category, severity, family, caller_principal, caller_namespace, caller_service_account, "
        + "caller_workload, callee_service, callee_namespace, callee_port, verdict, policy_name, policy_rule, flow_id, community_id, "
        + "request_line, method, host, path, headers, body_excerpt, evidence_buffer, evidence_excerpt, evidence_offset, evidence_length, "
        + "eve_json, redacted, triage_state, triage_comment, triage_actor, triage_at, related_sids" // 36: migration 2
        + ", outcome"; // 37: migration 3 (OutcomeMigration)

    public const string Insert =
        "INSERT INTO alerts (ts, sid, rev, message, category, severity, family, caller_principal, caller_namespace, caller_service_account, "
        + "caller_workload, callee_service, callee_namespace, callee_port, verdict, policy_name, policy_rule, flow_id, community_id, "
        + "request_line, method, host, path, headers, body_excerpt, evidence_buffer, evidence_excerpt, evidence_offset, evidence_length, "
        + "eve_json, redacted, triage_state, callee_name, related_sids, outcome) VALUES (@ts, @sid, @rev, @message, @category, @severity, @family, @caller_principal, "
        + "@caller_namespace, @caller_service_account, @caller_workload, @callee_service, @callee_namespace, @callee_port, @verdict, "
        + "@policy_name, @policy_rule, @flow_id, @community_id, @request_line, @method, @host, @path, @headers, @body_excerpt, "
        + "@evidence_buffer, @evidence_excerpt, @evidence_offset, @evidence_length, @eve_json, @redacted, @triage_state, @callee_name, @related_sids, "
        + "@outcome)";

    private static readonly string[] InsertParameters =
    [
        "@ts", "@sid", "@rev", "@message", "@category", "@severity", "@family", "@caller_principal", "@caller_namespace",
        "@caller_service_account", "@caller_workload", "@callee_service", "@callee_namespace", "@callee_port", "@verdict",
        "@policy_name", "@policy_rule", "@flow_id", "@community_id", "@request_line", "@method", "@host", "@path", "@headers",
        "@body_excerpt", "@evidence_buffer", "@evidence_excerpt", "@evidence_offset", "@evidence_length", "@eve_json",
        "@redacted", "@triage_state", "@callee_name", "@related_sids",
        "@outcome",
    ];

    /// <summary>Creates the insert command with typed placeholder parameters, to be filled per row by <see cref="Bind"/>.</summary>
    public static DbCommand CreateInsert(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.Command(Insert, transaction);
        foreach (var name in InsertParameters)
        {
            command.With(name, null);
        }

        return command;
    }

    public static void Bind(DbCommand command, AlertRecord alert)
    {
        var p = command.Parameters;
        p["@ts"].Value = StoreTime.ToMicros(alert.Timestamp);
        p["@sid"].Value = alert.Sid;
        p["@rev"].Value = alert.Rev;
        p["@message"].Value = StoredText.Clean(alert.Message);
        p["@category"].Value = StoredText.Clean(alert.Category);
        p["@severity"].Value = (int)alert.Severity;
        p["@family"].Value = alert.Family.Label();
        p["@caller_principal"].Value = StoredText.Clean(alert.Caller.Principal);
        p["@caller_namespace"].Value = StoredText.Clean(alert.Caller.Namespace);
        p["@caller_service_account"].Value = StoredText.Clean(alert.Caller.ServiceAccount);
        p["@caller_workload"].Value = StoredText.Clean(alert.Caller.Workload);
        p["@callee_service"].Value = StoredText.Clean(alert.Callee.Service);
        p["@callee_namespace"].Value = StoredText.Clean(alert.Callee.Namespace);
        p["@callee_port"].Value = alert.Callee.Port;
        p["@verdict"].Value = alert.Policy.Verdict.Label();
        p["@policy_name"].Value = (object?)StoredText.CleanOrNull(alert.Policy.PolicyName) ?? DBNull.Value;
        p["@policy_rule"].Value = (object?)StoredText.CleanOrNull(alert.Policy.Rule) ?? DBNull.Value;
        p["@flow_id"].Value = alert.FlowId is { } flow ? flow : DBNull.Value;
        p["@community_id"].Value = (object?)StoredText.CleanOrNull(alert.CommunityId) ?? DBNull.Value;
        p["@request_line"].Value = StoredText.Clean(alert.Request.RequestLine);
        p["@method"].Value = StoredText.Clean(alert.Request.Method);
        p["@host"].Value = StoredText.Clean(alert.Request.Host);
        p["@path"].Value = StoredText.Clean(alert.Request.Path);
        p["@headers"].Value = HeadersToJson(alert.Request.Headers);
        p["@body_excerpt"].Value = (object?)StoredText.CleanOrNull(alert.Request.BodyExcerpt) ?? DBNull.Value;
        p["@evidence_buffer"].Value = (object?)StoredText.CleanOrNull(alert.Evidence?.Buffer) ?? DBNull.Value;
        p["@evidence_excerpt"].Value = (object?)StoredText.CleanOrNull(alert.Evidence?.Excerpt) ?? DBNull.Value;
        p["@evidence_offset"].Value = alert.Evidence is { } e1 ? e1.Offset : DBNull.Value;
        p["@evidence_length"].Value = alert.Evidence is { } e2 ? e2.Length : DBNull.Value;
        p["@eve_json"].Value = (object?)StoredText.CleanOrNull(alert.EveJson) ?? DBNull.Value;
        p["@redacted"].Value = alert.Redacted ? 1 : 0;
        p["@triage_state"].Value = TriageState.New.Label();
        p["@callee_name"].Value = StoredText.Clean(alert.Callee.Name);
        p["@related_sids"].Value = RelatedSidsText(alert.RelatedSids);
        p["@outcome"].Value = alert.Outcome.Label();
    }

    public static AlertRecord Read(DbDataReader r)
    {
        var evidenceBuffer = r.NullableString(26);
        ModelText.TryParseFamily(r.GetString(7), out var family);
        ModelText.TryParseVerdict(r.GetString(15), out var verdict);
        ModelText.TryParseTriageState(r.GetString(32), out var triage);
        return new AlertRecord
        {
            Id = r.Int64(0),
            Timestamp = StoreTime.FromMicros(r.Int64(1)),
            Sid = (int)r.Int64(2),
            Rev = (int)r.Int64(3),
            Message = r.GetString(4),
            Category = r.GetString(5),
            Severity = (Severity)r.Int64(6),
            Family = family,
            Caller = new CallerInfo(r.GetString(8), r.GetString(9), r.GetString(10), r.GetString(11)),
            Callee = new CalleeInfo(r.GetString(12), r.GetString(13), (int)r.Int64(14)),
            Policy = new PolicyDecision(verdict, r.NullableString(16), r.NullableString(17)),
            FlowId = r.NullableInt64(18),
            CommunityId = r.NullableString(19),
            Request = new RequestInfo(r.GetString(20), r.GetString(21), r.GetString(22), r.GetString(23), HeadersFromJson(r.GetString(24)), r.NullableString(25)),
            Evidence = evidenceBuffer is null
                ? null
                : new AlertEvidence(evidenceBuffer, r.NullableString(27) ?? "", (int)(r.NullableInt64(28) ?? 0), (int)(r.NullableInt64(29) ?? 0)),
            EveJson = r.NullableString(30),
            Redacted = r.Int64(31) != 0,
            Triage = new TriageInfo(triage, r.NullableString(33), r.NullableString(34), r.NullableInt64(35) is { } at ? StoreTime.FromMicros(at) : null),
            RelatedSids = RelatedSidsFromText(r.GetString(36)),
            Outcome = ModelText.TryParseOutcome(r.GetString(37), out var outcome) ? outcome : AlertOutcome.None,
        };
    }

    /// <summary><c>related_sids</c>: the sids in order, comma-separated ("" for none).</summary>
    public static string RelatedSidsText(IReadOnlyList<int> sids)
        => sids.Count == 0 ? "" : string.Join(',', sids.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static IReadOnlyList<int> RelatedSidsFromText(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var sids = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sid))
            {
                sids.Add(sid);
            }
        }

        return sids;
    }

    public static string HeadersToJson(IReadOnlyList<HeaderField> headers)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var header in headers)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(StoredText.Clean(header.Name));
                writer.WriteStringValue(StoredText.Clean(header.Value));
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static IReadOnlyList<HeaderField> HeadersFromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var headers = new List<HeaderField>(document.RootElement.GetArrayLength());
        foreach (var pair in document.RootElement.EnumerateArray())
        {
            headers.Add(new HeaderField(pair[0].GetString() ?? "", pair[1].GetString() ?? ""));
        }

        return headers;
    }
}
