using System.Collections.Immutable;

namespace EastWestIds.Inventory.Model;

/// <summary>A running pod: what its sidecar enforces policies for, and who it runs as.</summary>
/// <param name="Namespace">The namespace.</param>
/// <param name="Name">The pod name.</param>
/// <param name="Labels">Its labels (what policy selectors and Service selectors match).</param>
/// <param name="ServiceAccount">The service account (<c>spec.serviceAccountName</c>, <c>default</c> when omitted).</param>
/// <param name="IPs">Its IPs (<c>status.podIPs</c>, else <c>status.podIP</c>); empty while pending.</param>
/// <param name="ContainerPorts">Declared container ports of all its containers.</param>
/// <param name="Owner">The controller owner (<c>ReplicaSet/reviews-v1-7d9f</c>), or null for a bare pod.</param>
/// <param name="HostNetwork">True when the pod uses the node's network: its IP is the node's and is shared.</param>
public sealed record PodInfo(
    string Namespace,
    string Name,
    LabelSet Labels,
    string ServiceAccount,
    ImmutableArray<IpKey> IPs,
    ImmutableArray<ContainerPortInfo> ContainerPorts,
    OwnerRef? Owner = null,
    bool HostNetwork = false);
