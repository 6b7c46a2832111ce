using System.Buffers;
using EastWestIds.Engine.Alerts;
using EastWestIds.Engine.Inspection;

namespace EastWestIds.Host.Proxy;

/// <summary>
/// In enforce mode an alert for a request the proxy blocks says so, as Suricata's IPS mode does: <c>alert.action</c>
/// is <c>"blocked"</c>, not the <c>"allowed"</c> every ingest that only observes writes. The pipeline formats alerts
/// after all its stages have run, on the inspecting thread, so while <see cref="InlineInspector"/> runs a request
/// through it the findings are complete and the verdict is known; this writer reads them from there.
/// </summary>
internal sealed class EnforcedAlertWriter(IAlertWriter inner, BlockRule rule) : IAlertWriter
{
    // Written by the pipeline itself, before any request-derived field, with request strings JSON-escaped: attacker
    // bytes cannot form this sequence.
    private static ReadOnlySpan<byte> Allowed => "\"alert\":{\"action\":\"allowed\""u8;
    private static ReadOnlySpan<byte> Blocked => "\"alert\":{\"action\":\"blocked\""u8;

    [ThreadStatic]
    private static InspectionContext? t_current;

    /// <summary>Marks the request being inspected on this thread (null when done).</summary>
    public static void Inspecting(InspectionContext? context) => t_current = context;

    public void Write(ReadOnlySpan<byte> line)
    {
        var at = t_current is { } context && rule.BlocksAny(context.Findings) ? line.IndexOf(Allowed) : -1;
        if (at < 0)
        {
            inner.Write(line);
            return;
        }

        var copy = ArrayPool<byte>.Shared.Rent(line.Length);
        try
        {
            line.CopyTo(copy);
            Blocked.CopyTo(copy.AsSpan(at)); // same length: the line keeps its shape
            inner.Write(copy.AsSpan(0, line.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    public void Flush() => inner.Flush();
}
