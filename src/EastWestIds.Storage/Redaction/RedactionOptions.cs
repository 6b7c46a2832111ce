namespace EastWestIds.Storage.Redaction;

/// <summary>Whether secrets seen in traffic are removed before alerts are stored (DESIGN.md "Rules of the house": on unless turned off).</summary>
public sealed record RedactionOptions
{
    /// <summary>On by default; turn off only where the store is as protected as the traffic itself.</summary>
    public bool Enabled { get; init; } = true;
}
