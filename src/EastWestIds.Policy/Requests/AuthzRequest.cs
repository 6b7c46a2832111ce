using EastWestIds.Inventory.Model;

namespace EastWestIds.Policy.Requests;

/// <summary>
/// One request as the destination's sidecar would judge it (MESH-SEMANTICS §3.10). Filled per request by the
/// caller from bytes it already holds; nothing is copied. All text is ASCII/UTF-8 bytes.
/// </summary>
/// <remarks>
/// For a mirrored request: <see cref="SourcePrincipal"/> is the last XFCC element's <c>URI</c> (empty when the
/// sink's sidecar did not terminate mTLS); <see cref="SourceIp"/> is the sink's TCP peer (the caller pod, whose
/// sidecar mirrored); <see cref="RemoteIp"/> is the last <c>x-forwarded-for</c> address when present (what Envoy takes with <c>use_remote_address: false</c> and no trusted hops, as on sidecars);
/// <see cref="DestinationPort"/> is the callee's target port (the Service port of the Host mapped to the
/// workload's container port), not the sink's; <see cref="DestinationIp"/> and <see cref="Sni"/> are usually
/// unknown. The source namespace is not a separate input: Istio reads it from the principal.
/// </remarks>
public ref struct AuthzRequest
{
    /// <summary>The authenticated peer's full URI SAN (<c>spiffe://td/ns/x/sa/y</c>); empty when the hop was not mTLS.</summary>
    public ReadOnlySpan<byte> SourcePrincipal;

    /// <summary>The TCP peer (<c>source.ip</c>, <c>ipBlocks</c>); <see cref="IpKey.None"/> when unknown.</summary>
    public IpKey SourceIp;

    /// <summary>The client address from X-Forwarded-For / PROXY protocol (<c>remote.ip</c>); defaults to <see cref="SourceIp"/>.</summary>
    public IpKey RemoteIp;

    /// <summary>The destination pod IP (<c>destination.ip</c>); <see cref="IpKey.None"/> when unknown.</summary>
    public IpKey DestinationIp;

    /// <summary>The destination target port (<c>ports</c>, <c>destination.port</c>); 0 when unknown.</summary>
    public int DestinationPort;

    /// <summary>The SNI of the inbound TLS connection (<c>connection.sni</c>); empty when unknown.</summary>
    public ReadOnlySpan<byte> Sni;

    /// <summary>True for a TCP (non-HTTP) port: HTTP-only attributes do not exist (MESH-SEMANTICS §3.7).</summary>
    public bool IsTcp;

    /// <summary>The method (<c>:method</c>).</summary>
    public ReadOnlySpan<byte> Method;

    /// <summary>The <c>:authority</c> exactly as received, port included.</summary>
    public ReadOnlySpan<byte> Host;

    /// <summary>The path after normalization; a query or fragment is allowed and ignored by <c>paths</c>.</summary>
    public ReadOnlySpan<byte> Path;

    /// <summary>
    /// Compare <c>paths</c> ignoring ASCII case, as a case-insensitive server reads the path (Express by default,
    /// ASP.NET Core, IIS). The sidecar never does; the policy stage's second reading does.
    /// </summary>
    public bool PathIgnoresCase;

    /// <summary>Header lookup for <c>request.headers[...]</c>; null means no headers.</summary>
    public IAuthzHeaders? Headers;

    /// <summary>Claims of a validated JWT; null when none was validated.</summary>
    public RequestClaims? Claims;

    /// <summary>
    /// True when the request carries a bearer token that nobody validated (the usual case for a mirror): JWT
    /// attributes are then unknown rather than absent, and a verdict that consulted them says so.
    /// </summary>
    public bool HasUnvalidatedToken;

    /// <summary>The remote IP in effect: <see cref="RemoteIp"/> when given, else <see cref="SourceIp"/>.</summary>
    public readonly IpKey EffectiveRemoteIp => RemoteIp.HasValue ? RemoteIp : SourceIp;
}
