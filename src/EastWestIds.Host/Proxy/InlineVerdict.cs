using EastWestIds.Core.Findings;

namespace EastWestIds.Host.Proxy;

/// <summary>The engine's answer for one request at the proxy.</summary>
internal readonly record struct InlineVerdict(InlineVerdictKind Kind, EngineFailureReason FailureReason = default, SignatureInfo[]? Blocking = null)
{
    public static InlineVerdict Pass => new(InlineVerdictKind.Pass);

    public static InlineVerdict Failed(EngineFailureReason reason) => new(InlineVerdictKind.EngineFailed, reason);
}

/// <summary>What the verdict says to do.</summary>
internal enum InlineVerdictKind : byte
{
    /// <summary>No finding blocks it.</summary>
    Pass,

    /// <summary>A finding blocks it; <see cref="InlineVerdict.Blocking"/> names which.</summary>
    Block,

    /// <summary>No verdict: the engine threw, timed out or was overloaded.</summary>
    EngineFailed,
}
