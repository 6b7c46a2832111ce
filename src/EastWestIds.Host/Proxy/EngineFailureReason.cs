namespace EastWestIds.Host.Proxy;

/// <summary>Why an inspection gave no verdict. A closed set: the <c>reason</c> label of the engine failure counter.</summary>
internal enum EngineFailureReason : byte
{
    /// <summary>A stage threw.</summary>
    Exception,

    /// <summary>The verdict did not come within <c>--inspect-timeout</c>.</summary>
    Timeout,

    /// <summary><c>--inspect-concurrency</c> inspections were already running.</summary>
    Overload,
}
