using System.Buffers;
using EastWestIds.Core.Findings;
using EastWestIds.Engine.Alerts;
using EastWestIds.Engine.Inspection;
using EastWestIds.Host.Storage;
using EastWestIds.Storage.Model;

namespace EastWestIds.Host.Proxy;

/// <summary>
/// The proxy's alert output: EVE plus, when there is one, the alert store — each alert carrying what became of its
/// request. Suricata's IPS mode writes <c>alert.action</c> <c>"blocked"</c> for what it dropped; every ingest that
/// only observes writes <c>"allowed"</c>. The proxy acts, so its lines say which, and <c>mesh.outcome</c> says the
/// rest (<c>allowed</c>, <c>blocked</c>, <c>would-block</c> in monitor mode, <c>failed-open</c>/<c>failed-closed</c>
/// when the verdict came after the request stopped waiting for it). The stored record gets the same outcome.
/// </summary>
/// <remarks>
/// The pipeline writes alerts after all its stages ran, on the inspecting thread, so the outcome is known there:
/// <see cref="InlineInspector.CurrentOutcome"/> fixes the request's verdict at its first alert (a request that timed out
/// first is reported as what the failure setting did with it). The line is annotated in a pooled copy.
/// </remarks>
internal sealed class InlineAlertOutput(IAlertWriter eve, StoreAlertSink? store) : IAlertWriter, IRequestAlertSink
{
    // Written by the formatter itself before any request-derived field, with request strings JSON-escaped: attacker
    // bytes cannot form these sequences (an escaped quote is preceded by a backslash), so the first match is ours.
    private static ReadOnlySpan<byte> Allowed => "\"alert\":{\"action\":\"allowed\""u8;
    private static ReadOnlySpan<byte> Blocked => "\"alert\":{\"action\":\"blocked\""u8;
    private static ReadOnlySpan<byte> MeshIngest => "\"mesh\":{\"ingest\":\"inline\""u8;

    /// <summary>Non-alert lines (the <c>http</c> record with <c>--eve-http</c>) carry the outcome too.</summary>
    public void Write(ReadOnlySpan<byte> line) => WriteAnnotated(line, InlineInspector.CurrentOutcome(), forStore: false, default);

    public void Flush() => eve.Flush();

    public bool IsSuppressed(MirroredRequest request, InspectionContext context, in Finding finding)
        => store is not null && store.IsSuppressed(request, context, finding);

    public void OnAlert(MirroredRequest request, InspectionContext context, in Finding finding, ReadOnlySpan<byte> eveLine)
        => WriteAnnotated(eveLine, InlineInspector.CurrentOutcome(), forStore: true, new AlertRef(request, context, finding));

    public void OnAnalysed(MirroredRequest request, InspectionContext context) => store?.OnAnalysed(request, context);

    private void WriteAnnotated(ReadOnlySpan<byte> line, AlertOutcome outcome, bool forStore, AlertRef alert)
    {
        var meshAt = outcome == AlertOutcome.None ? -1 : line.IndexOf(MeshIngest);
        if (meshAt < 0)
        {
            Emit(line, outcome, forStore, alert);
            return;
        }

        var insert = OutcomeField(outcome);
        var copy = ArrayPool<byte>.Shared.Rent(line.Length + insert.Length);
        try
        {
            var split = meshAt + MeshIngest.Length;
            line[..split].CopyTo(copy);
            insert.CopyTo(copy.AsSpan(split));
            line[split..].CopyTo(copy.AsSpan(split + insert.Length));
            var annotated = copy.AsSpan(0, line.Length + insert.Length);
            if (outcome is AlertOutcome.Blocked or AlertOutcome.FailedClosed)
            {
                // The request never reached the service: the line says so as Suricata's IPS mode does (same length).
                var actionAt = annotated.IndexOf(Allowed);
                if (actionAt >= 0 && actionAt < split)
                {
                    Blocked.CopyTo(annotated[actionAt..]);
                }
            }

            Emit(annotated, outcome, forStore, alert);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private void Emit(ReadOnlySpan<byte> line, AlertOutcome outcome, bool forStore, AlertRef alert)
    {
        // EVE first: the SIEM line must not depend on the store keeping up (as CompositeAlertWriter does).
        eve.Write(line);
        if (forStore && store is not null)
        {
            store.OnAlert(alert.Request!, alert.Context!, alert.Finding, line, outcome);
        }
    }

    private static ReadOnlySpan<byte> OutcomeField(AlertOutcome outcome) => outcome switch
    {
        AlertOutcome.Allowed => ",\"outcome\":\"allowed\""u8,
        AlertOutcome.Blocked => ",\"outcome\":\"blocked\""u8,
        AlertOutcome.WouldBlock => ",\"outcome\":\"would-block\""u8,
        AlertOutcome.FailedOpen => ",\"outcome\":\"failed-open\""u8,
        AlertOutcome.FailedClosed => ",\"outcome\":\"failed-closed\""u8,
        _ => default,
    };

    /// <summary>The alert being written, carried to the store's side (default for non-alert lines).</summary>
    private readonly record struct AlertRef(MirroredRequest? Request, InspectionContext? Context, Finding Finding);
}
