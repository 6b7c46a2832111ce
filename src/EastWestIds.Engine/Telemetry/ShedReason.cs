namespace EastWestIds.Engine.Telemetry;

/// <summary>Why a received request was not analysed. Every one is counted; none is dropped silently.</summary>
public enum ShedReason : byte
{
    /// <summary>The analysis queue was full: the engine fell behind the mirror port.</summary>
    QueueFull,

    /// <summary>The requests waiting held more bytes than the queue's memory budget (large bodies).</summary>
    QueueMemoryFull,

    /// <summary>The engine was stopping.</summary>
    ShuttingDown,

    /// <summary>A pipeline stage threw; the request could not be analysed.</summary>
    AnalysisFailed,
}
