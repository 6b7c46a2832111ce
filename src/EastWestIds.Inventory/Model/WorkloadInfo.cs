using System.Collections.Immutable;

namespace EastWestIds.Inventory.Model;

/// <summary>
/// One workload behind a Service: the pods of one controller (or one bare pod), or a controller's pod template
/// when none of its pods is known. Its sidecars share labels, so AuthorizationPolicies judge them alike;
/// two workloads behind one Service may not (different labels, service accounts or named ports).
/// </summary>
/// <param name="Namespace">The namespace.</param>
/// <param name="Name">What it is called: <c>Deployment/reviews-v1</c>, <c>StatefulSet/db</c>, <c>Pod/debug</c>.</param>
/// <param name="Labels">The pod labels (of the first pod, else of the template).</param>
/// <param name="ServiceAccount">The service account its pods run as.</param>
/// <param name="ContainerPorts">Its container ports (for named target ports).</param>
/// <param name="Pods">Its known pods (empty when only the template is known).</param>
public sealed record WorkloadInfo(
    string Namespace,
    string Name,
    LabelSet Labels,
    string ServiceAccount,
    ImmutableArray<ContainerPortInfo> ContainerPorts,
    ImmutableArray<PodInfo> Pods)
{
    /// <summary>
    /// The port the workload's sidecar sees for a call to <paramref name="servicePort"/>: the numeric target port,
    /// or the number of the container port the named target refers to. Null when a named target port is not
    /// declared by this workload (Kubernetes then sends it no traffic on that port).
    /// </summary>
    public int? ResolveTargetPort(ServicePortInfo servicePort)
    {
        ArgumentNullException.ThrowIfNull(servicePort);
        if (!servicePort.TargetPort.IsNamed)
        {
            return servicePort.TargetPort.Number;
        }

        foreach (var port in ContainerPorts)
        {
            if (string.Equals(port.Name, servicePort.TargetPort.Name, StringComparison.Ordinal)
                && string.Equals(port.Protocol, servicePort.Protocol, StringComparison.OrdinalIgnoreCase))
            {
                return port.Port;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Namespace}/{Name}";
}
