using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EastWestIds.Core.Findings;
using EastWestIds.Storage.Model;

namespace EastWestIds.Storage.Export;

/// <summary>
/// Writes an <see cref="IAlertStore.ExportAsync"/> stream as EVE JSON lines or CSV, row by row, flushing as it goes,
/// so an export of a million alerts holds one alert in memory and starts arriving at once.
/// </summary>
public static class AlertExport
{
    private const int FlushEvery = 256;

    /// <summary>The CSV columns, in order (the header row).</summary>
    public static readonly string[] CsvColumns =
    [
        "id", "timestamp", "sid", "rev", "severity", "category", "family", "message", "caller", "caller_namespace",
        "caller_service_account", "caller_workload", "callee", "callee_namespace", "callee_port", "verdict", "policy", "policy_rule",
        "community_id", "method", "host", "path", "evidence_buffer", "evidence_match", "triage_state", "triage_actor", "triage_comment", "redacted",
        "outcome",
    ];

    /// <summary>
    /// One EVE line per alert: the line as emitted when the alert has one, else a minimal <c>alert</c> record built from
    /// the stored fields (so an export never silently skips alerts). Returns the number of lines.
    /// </summary>
    public static async Task<long> WriteEveLinesAsync(IAsyncEnumerable<AlertRecord> alerts, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(output);
        var writer = new StreamWriter(output, new UTF8Encoding(false), 16 * 1024, leaveOpen: true) { NewLine = "\n" };
        await using (writer.ConfigureAwait(false))
        {
            long count = 0;
            await foreach (var alert in alerts.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteLineAsync((alert.EveJson ?? MinimalEve(alert)).AsMemory(), cancellationToken).ConfigureAwait(false);
                if (++count % FlushEvery == 0)
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return count;
        }
    }

    /// <summary>CSV (RFC 4180, UTF-8, header row <see cref="CsvColumns"/>). Returns the number of data rows.</summary>
    public static async Task<long> WriteCsvAsync(IAsyncEnumerable<AlertRecord> alerts, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(output);
        var writer = new StreamWriter(output, new UTF8Encoding(false), 16 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteLineAsync(string.Join(',', CsvColumns)).ConfigureAwait(false);
            long count = 0;
            var line = new StringBuilder(512);
            await foreach (var a in alerts.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                line.Clear();
                var evidenceMatch = a.Evidence is { HasValidSpan: true } e ? e.Excerpt.Substring(e.Offset, e.Length) : "";
                Csv.AppendRow(line,
                [
                    a.Id.ToString(CultureInfo.InvariantCulture), a.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                    a.Sid.ToString(CultureInfo.InvariantCulture), a.Rev.ToString(CultureInfo.InvariantCulture), a.Severity.Label(), a.Category,
                    a.Family.Label(), a.Message, a.Caller.Principal, a.Caller.Namespace, a.Caller.ServiceAccount, a.Caller.Workload,
                    a.Callee.Service, a.Callee.Namespace, a.Callee.Port.ToString(CultureInfo.InvariantCulture), a.Policy.Verdict.Label(),
                    a.Policy.PolicyName ?? "", a.Policy.Rule ?? "", a.CommunityId ?? "", a.Request.Method, a.Request.Host, a.Request.Path,
                    a.Evidence?.Buffer ?? "", evidenceMatch, a.Triage.State.Label(), a.Triage.Actor ?? "", a.Triage.Comment ?? "",
                    a.Redacted ? "true" : "false",
                    a.Outcome.Label(),
                ]);
                await writer.WriteLineAsync(line).ConfigureAwait(false);
                if (++count % FlushEvery == 0)
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return count;
        }
    }

    private static string MinimalEve(AlertRecord a)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", a.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+0000'", CultureInfo.InvariantCulture));
            if (a.FlowId is { } flow)
            {
                json.WriteNumber("flow_id", flow);
            }

            json.WriteString("event_type", "alert");
            if (a.CommunityId is { } community)
            {
                json.WriteString("community_id", community);
            }

            json.WriteStartObject("alert");
            json.WriteString("action", "allowed");
            json.WriteNumber("gid", 1);
            json.WriteNumber("signature_id", a.Sid);
            json.WriteNumber("rev", a.Rev);
            json.WriteString("signature", a.Message);
            json.WriteString("category", a.Category);
            json.WriteNumber("severity", (int)a.Severity);
            json.WriteEndObject();
            json.WriteStartObject("http");
            json.WriteString("hostname", a.Request.Host);
            json.WriteString("url", a.Request.Path);
            json.WriteString("http_method", a.Request.Method);
            json.WriteEndObject();
            json.WriteStartObject("mesh");
            json.WriteString("source_principal", a.Caller.Principal);
            json.WriteString("destination_service", a.Callee.Service);
            json.WriteString("verdict", a.Policy.Verdict.Label());
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
