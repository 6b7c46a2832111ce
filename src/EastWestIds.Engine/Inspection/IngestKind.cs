namespace EastWestIds.Engine.Inspection;

/// <summary>How a request reached the engine. A closed set: the <c>ingest</c> metric label.</summary>
public enum IngestKind : byte
{
    /// <summary>A mirrored copy on the mirror port.</summary>
    Mirror,

    /// <summary>A live request in front of a service (<c>ewids proxy</c>).</summary>
    Inline,

    /// <summary>A recorded request (<c>ewids scan</c>).</summary>
    Offline,
}
