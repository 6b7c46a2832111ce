using System.Collections.Immutable;

namespace EastWestIds.Inventory.Model.Istio;

/// <summary>An Istio PeerAuthentication: whether a workload demands mTLS (and so whether callers have principals).</summary>
/// <param name="Namespace">The namespace (the root namespace makes it mesh-wide).</param>
/// <param name="Name">The name.</param>
/// <param name="Selector"><c>spec.selector.matchLabels</c>, or null.</param>
/// <param name="Mode"><c>spec.mtls.mode</c> (STRICT, PERMISSIVE, DISABLE, UNSET), or null.</param>
/// <param name="PortModes"><c>spec.portLevelMtls</c>: port → mode.</param>
public sealed record PeerAuthenticationInfo(
    string Namespace,
    string Name,
    LabelSet? Selector,
    string? Mode,
    ImmutableDictionary<int, string> PortModes);
