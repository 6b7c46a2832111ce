namespace EastWestIds.Identity.Spiffe;

/// <summary>
/// A valid SPIFFE ID split into ranges of the input it was parsed from (no copies).
/// <see cref="Namespace"/> and <see cref="ServiceAccount"/> are set only for Istio's <c>/ns/&lt;ns&gt;/sa/&lt;sa&gt;</c> path.
/// </summary>
public readonly record struct SpiffeIdParts(Range TrustDomain, Range Path, bool IsIstio, Range Namespace, Range ServiceAccount)
{
    /// <summary>False for a path-less ID (a trust domain's signing authority), which must not name a workload.</summary>
    public bool IsLeafWorkloadId => !Path.Equals(default(Range)) && Path.Start.Value != Path.End.Value;
}
