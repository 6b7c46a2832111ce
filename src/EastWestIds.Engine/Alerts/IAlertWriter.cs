namespace EastWestIds.Engine.Alerts;

/// <summary>Where EVE lines go (stdout, a file, a test's memory). Implementations are thread-safe.</summary>
public interface IAlertWriter
{
    /// <summary>Writes one complete JSON line (the newline included). Must not throw for I/O trouble: count and carry on.</summary>
    void Write(ReadOnlySpan<byte> line);

    /// <summary>Pushes buffered lines out.</summary>
    void Flush();
}
