using EastWestIds.Identity.Callee;

namespace EastWestIds.Engine.Inspection;

/// <summary>
/// The service the caller meant, read back from the mirrored authority. The authority comes from the
/// absolute-form target when there is one (RFC 9112 §3.2.2: the Host header is then ignored), else from Host
/// (which Kestrel fills from <c>:authority</c> on HTTP/2).
/// </summary>
public struct CalleeIdentity
{
    public CalleeAuthority Authority;

    /// <summary>True when the authority parsed.</summary>
    public bool IsKnown;

    /// <summary>True when the authority came from the request target rather than the Host header.</summary>
    public bool FromTarget;

    /// <summary>Where the authority starts inside the target (absolute-form only).</summary>
    public int TargetAuthorityStart;

    public int TargetAuthorityLength;

    public void Reset() => this = default;

    /// <summary>The raw authority as received (with any <c>-shadow</c> suffix).</summary>
    public readonly ReadOnlySpan<byte> RawAuthority(MirroredRequest request)
        => FromTarget
            ? request.Target.Slice(TargetAuthorityStart, TargetAuthorityLength)
            : request.GetHeader(KnownHeader.Host);

    /// <summary>The host without <c>-shadow</c> and port.</summary>
    public readonly ReadOnlySpan<byte> Host(MirroredRequest request)
        => IsKnown ? RawAuthority(request)[Authority.Host] : default;

    public readonly ReadOnlySpan<byte> Service(MirroredRequest request)
        => IsKnown ? RawAuthority(request)[Authority.Service] : default;

    /// <summary>The namespace named by the authority, else the caller's (short names resolve in the caller's namespace).</summary>
    public readonly ReadOnlySpan<byte> Namespace(MirroredRequest request, in CallerIdentity caller)
    {
        if (!IsKnown || Authority.IsIpLiteral)
        {
            return default;
        }

        return Authority.NamespaceFromCaller ? caller.Namespace(request) : RawAuthority(request)[Authority.Namespace];
    }
}
