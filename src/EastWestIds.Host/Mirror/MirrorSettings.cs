using EastWestIds.Http.Http1;

namespace EastWestIds.Host.Mirror;

/// <summary>What a mirror connection needs to know, taken once from the validated options.</summary>
internal sealed record MirrorSettings(
    HttpLimits Limits,
    int MaxInspectedBodyBytes,
    int MaxInspectedBodyTailBytes,
    int MaxEvidenceBytes,
    TimeSpan HeaderTimeout,
    TimeSpan IdleTimeout);
