using EastWestIds.Core.Findings;
using EastWestIds.Engine.Alerts;
using EastWestIds.Engine.Inspection;

namespace EastWestIds.Host.Storage;

/// <summary>
/// The alert store's side of the pipeline: suppressed findings are counted and dropped, every alert becomes an
/// <see cref="EastWestIds.Storage.Model.AlertRecord"/> queued with <c>TryEnqueue</c> (never blocking: a full queue
/// counts a drop), and every analysed request counts one call on its caller → callee edge with its verdict.
/// </summary>
internal sealed class StoreAlertSink(StoreRuntime runtime) : IRequestAlertSink
{
    public bool IsSuppressed(MirroredRequest request, InspectionContext context, in Finding finding)
    {
        if (!runtime.Store.IsSuppressed(finding.Signature.Sid, AlertRecordFactory.CallerKey(request, context), AlertRecordFactory.CalleeKey(request, context)))
        {
            return false;
        }

        runtime.Metrics.Suppressed();
        return true;
    }

    public void OnAlert(MirroredRequest request, InspectionContext context, in Finding finding, ReadOnlySpan<byte> eveLine)
        => OnAlert(request, context, finding, eveLine, EastWestIds.Storage.Model.AlertOutcome.None);

    /// <summary>One alert with what became of its request (the inline proxy knows; a mirror only observes).</summary>
    public void OnAlert(MirroredRequest request, InspectionContext context, in Finding finding, ReadOnlySpan<byte> eveLine, EastWestIds.Storage.Model.AlertOutcome outcome)
    {
        try
        {
            runtime.Writer.TryEnqueue(AlertRecordFactory.Create(request, context, finding, eveLine, runtime.Options.MaxBodyExcerptBytes, outcome));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            // Never let the store's copy break analysis: the EVE line is already out; count the miss.
            runtime.Metrics.RecordFailed();
        }
    }

    public void OnAnalysed(MirroredRequest request, InspectionContext context)
    {
        if (request.HasHead)
        {
            runtime.Edges.Record(AlertRecordFactory.CallerKey(request, context), AlertRecordFactory.CalleeKey(request, context), AlertRecordFactory.Verdict(context));
        }
    }
}
