namespace EastWestIds.Engine.Alerts;

/// <summary>An output that keeps nothing: for pipelines whose callers read the findings from the context instead
/// (<c>ewids scan --verdicts</c>, rule cases, replays) or want none (the proxy's warm-up).</summary>
public sealed class DiscardAlertWriter : IAlertWriter
{
    public static readonly DiscardAlertWriter Instance = new();

    private DiscardAlertWriter()
    {
    }

    public void Write(ReadOnlySpan<byte> line)
    {
    }

    public void Flush()
    {
    }
}
