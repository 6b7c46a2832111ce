using EastWestIds.Core.Findings;
using EastWestIds.Engine.Inspection;

namespace EastWestIds.Engine.Alerts;

/// <summary>
/// The EVE output plus one request-aware sink (the alert store): lines go to <see cref="Eve"/> as before, and the
/// sink additionally sees each alert with its request, can suppress findings, and sees every analysed request.
/// Kept in the engine so the pipeline never knows what the sink is (DESIGN.md: the engine does not know storage).
/// </summary>
public sealed class CompositeAlertWriter(IAlertWriter eve, IRequestAlertSink sink) : IAlertWriter, IRequestAlertSink
{
    public IAlertWriter Eve { get; } = eve ?? throw new ArgumentNullException(nameof(eve));

    public IRequestAlertSink Sink { get; } = sink ?? throw new ArgumentNullException(nameof(sink));

    public void Write(ReadOnlySpan<byte> line) => Eve.Write(line);

    public void Flush() => Eve.Flush();

    public bool IsSuppressed(MirroredRequest request, InspectionContext context, in Finding finding)
        => Sink.IsSuppressed(request, context, finding);

    public void OnAlert(MirroredRequest request, InspectionContext context, in Finding finding, ReadOnlySpan<byte> eveLine)
    {
        // EVE first: the SIEM line must not depend on the store keeping up.
        Eve.Write(eveLine);
        Sink.OnAlert(request, context, finding, eveLine);
    }

    public void OnAnalysed(MirroredRequest request, InspectionContext context) => Sink.OnAnalysed(request, context);
}
