using EastWestIds.Identity.Spiffe;
using EastWestIds.Identity.Xfcc;

namespace EastWestIds.Engine.Inspection;

/// <summary>
/// The caller as the identity stage read it: the XFCC summary and, when the last element's URI is a valid
/// SPIFFE ID, its parts. All ranges point into the request's XFCC header value.
/// </summary>
public struct CallerIdentity
{
    public XfccSummary Xfcc;
    public SpiffeIdParts Spiffe;

    /// <summary>True when the caller's SPIFFE ID was read and is valid.</summary>
    public bool IsKnown;

    public void Reset() => this = default;

    /// <summary>The caller's SPIFFE ID (<c>spiffe://…</c>), or empty.</summary>
    public readonly ReadOnlySpan<byte> Principal(MirroredRequest request)
        => IsKnown ? request.GetHeader(KnownHeader.XForwardedClientCert)[Xfcc.LastUri] : default;

    public readonly ReadOnlySpan<byte> TrustDomain(MirroredRequest request)
        => IsKnown ? Principal(request)[Spiffe.TrustDomain] : default;

    /// <summary>The caller's namespace from Istio's <c>ns/&lt;ns&gt;/sa/&lt;sa&gt;</c> form, or empty.</summary>
    public readonly ReadOnlySpan<byte> Namespace(MirroredRequest request)
        => IsKnown && Spiffe.IsIstio ? Principal(request)[Spiffe.Namespace] : default;

    public readonly ReadOnlySpan<byte> ServiceAccount(MirroredRequest request)
        => IsKnown && Spiffe.IsIstio ? Principal(request)[Spiffe.ServiceAccount] : default;
}
