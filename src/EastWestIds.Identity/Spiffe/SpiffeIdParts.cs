namespace EastWestIds.Identity.Spiffe;

/// <summary>
/// A valid SPIFFE ID split into ranges of the input it was parsed from (no copies).
/// <see cref="Namespace"/> and <see cref="ServiceAccount"/> are set only for Istio's <c>/ns/&lt;ns&gt;/sa/&lt;sa&gt;</c> path.
/// </summary>
/// <param name="TrustDomain">The trust domain (lower case by construction).</param>
/// <param name="Path">The path including its leading <c>/</c>; an empty range (at the end of the input) when the ID has no path.</param>
/// <param name="IsIstio">True when the path is exactly <c>/ns/&lt;ns&gt;/sa/&lt;sa&gt;</c> (Istio <c>ParseIdentity</c>).</param>
/// <param name="Namespace">The <c>&lt;ns&gt;</c> segment when <paramref name="IsIstio"/>, else an empty range.</param>
/// <param name="ServiceAccount">The <c>&lt;sa&gt;</c> segment when <paramref name="IsIstio"/>, else an empty range.</param>
public readonly record struct SpiffeIdParts(Range TrustDomain, Range Path, bool IsIstio, Range Namespace, Range ServiceAccount)
{
    /// <summary>False for a path-less ID (a trust domain's signing authority), which must not name a workload.</summary>
    public bool IsLeafWorkloadId => !Path.Equals(default(Range)) && Path.Start.Value != Path.End.Value;

    /// <summary>Length in bytes of the whole ID (the path always ends where the input ends).</summary>
    public int Length => Path.End.Value;

    /// <summary>
    /// <see cref="SpiffeIdError.TrustDomainTooLong"/> (trust domain over 255 bytes) or <see cref="SpiffeIdError.TooLong"/>
    /// (ID over 2048 bytes) for an ID that parsed but that no conforming issuer generates; otherwise
    /// <see cref="SpiffeIdError.None"/>. go-spiffe accepts such IDs, so parsing does too; the IDS reports them as an
    /// identity anomaly instead (MESH-SEMANTICS §2.6; vectors spiffe-107, spiffe-108).
    /// </summary>
    public SpiffeIdError LengthAnomaly =>
        TrustDomain.End.Value - TrustDomain.Start.Value > SpiffeIdParser.MaxTrustDomainLength ? SpiffeIdError.TrustDomainTooLong
        : Length > SpiffeIdParser.MaxLength ? SpiffeIdError.TooLong
        : SpiffeIdError.None;
}
