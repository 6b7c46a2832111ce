using System.Collections.Immutable;

namespace EastWestIds.Inventory.Model;

/// <summary>A Kubernetes Service.</summary>
/// <param name="Namespace">The namespace.</param>
/// <param name="Name">The service name.</param>
/// <param name="Selector">The pod selector, or null for a Service without one (endpoints managed elsewhere).</param>
/// <param name="Ports">Its ports.</param>
/// <param name="Type">ClusterIP, NodePort, LoadBalancer, ExternalName.</param>
/// <param name="ClusterIPs">Its cluster IPs (none for a headless Service).</param>
public sealed record ServiceInfo(
    string Namespace,
    string Name,
    LabelSet? Selector,
    ImmutableArray<ServicePortInfo> Ports,
    string Type = "ClusterIP",
    ImmutableArray<IpKey> ClusterIPs = default)
{
    /// <summary>The port whose <see cref="ServicePortInfo.Port"/> is <paramref name="port"/>, or null.</summary>
    public ServicePortInfo? FindPort(int port)
    {
        foreach (var p in Ports)
        {
            if (p.Port == port)
            {
                return p;
            }
        }

        return null;
    }
}
