using EastWestIds.Engine.Alerts;

namespace EastWestIds.Host.FunctionalTests.Infrastructure;

/// <summary>An output that holds every write until the test opens the gate: an analysis stage that fell behind.</summary>
internal sealed class GatedAlertWriter(IAlertWriter inner) : IAlertWriter
{
    private readonly ManualResetEventSlim _gate = new(false);

    public void Open() => _gate.Set();

    public void Write(ReadOnlySpan<byte> line)
    {
        _gate.Wait(TimeSpan.FromSeconds(30));
        inner.Write(line);
    }

    public void Flush() => inner.Flush();
}
