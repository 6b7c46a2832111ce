using EastWestIds.Core.Findings;
using EastWestIds.Engine.Inspection;

namespace EastWestIds.Engine.Alerts;

/// <summary>
/// An output that wants more than the EVE line: the request and what the stages worked out (the alert store keeps
/// headers, body excerpt and identities; the flow graph counts every analysed request). The pipeline calls it on the
/// analysis worker while the request is still valid, so implementations copy what they keep and never block.
/// </summary>
public interface IRequestAlertSink
{
    /// <summary>True when this finding is a known false positive: the pipeline counts it and raises no alert.</summary>
    bool IsSuppressed(MirroredRequest request, InspectionContext context, in Finding finding);

    /// <summary>One alert: the finding and its formatted EVE line (newline included).</summary>
    void OnAlert(MirroredRequest request, InspectionContext context, in Finding finding, ReadOnlySpan<byte> eveLine);

    /// <summary>Called once per analysed request after its alerts, with the verdicts in <paramref name="context"/>.</summary>
    void OnAnalysed(MirroredRequest request, InspectionContext context);
}
