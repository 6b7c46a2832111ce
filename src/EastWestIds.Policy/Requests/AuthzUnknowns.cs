namespace EastWestIds.Policy.Requests;

/// <summary>
/// Attributes a policy consulted that the request could not provide. A mirror copy is seen by the sink, not by the
/// destination's sidecar, so some of what that sidecar would know is missing; a matcher that needs one evaluates as
/// if it were absent (positive values fail, negations pass) and sets its flag, so a verdict that depended on it
/// says so instead of pretending to be certain.
/// </summary>
[Flags]
public enum AuthzUnknowns
{
    /// <summary>Everything consulted was known.</summary>
    None = 0,

    /// <summary>The TCP peer address (<c>source.ip</c>, <c>ipBlocks</c>).</summary>
    SourceIp = 1 << 0,

    /// <summary>The destination pod IP (<c>destination.ip</c>): which pod the caller's sidecar picked is not in the mirror.</summary>
    DestinationIp = 1 << 1,

    /// <summary>The destination (target) port.</summary>
    DestinationPort = 1 << 2,

    /// <summary>The TLS SNI of the hop to the destination (<c>connection.sni</c>).</summary>
    ConnectionSni = 1 << 3,

    /// <summary>
    /// JWT attributes (<c>requestPrincipals</c>, <c>request.auth.*</c>): the request carries a token the IDS did not
    /// validate, so what RequestAuthentication would have made of it is unknown.
    /// </summary>
    RequestAuth = 1 << 4,

    /// <summary>Envoy dynamic metadata (<c>experimental.envoy.filters.*</c>), never visible outside the proxy.</summary>
    DynamicMetadata = 1 << 5,
}
