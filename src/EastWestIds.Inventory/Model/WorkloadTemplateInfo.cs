using System.Collections.Immutable;

namespace EastWestIds.Inventory.Model;

/// <summary>
/// The pod template of a workload controller (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job): it tells
/// which labels, service account and ports its pods will have, even when no pod was exported with it.
/// </summary>
/// <param name="Kind">The controller kind.</param>
/// <param name="Namespace">The namespace.</param>
/// <param name="Name">The controller name.</param>
/// <param name="Labels">The labels of <c>spec.template.metadata</c>.</param>
/// <param name="ServiceAccount">The template's service account (<c>default</c> when omitted).</param>
/// <param name="ContainerPorts">Container ports of the template's containers.</param>
/// <param name="Owner">The controlling owner (a ReplicaSet's Deployment), or null.</param>
public sealed record WorkloadTemplateInfo(
    string Kind,
    string Namespace,
    string Name,
    LabelSet Labels,
    string ServiceAccount,
    ImmutableArray<ContainerPortInfo> ContainerPorts,
    OwnerRef? Owner = null);
