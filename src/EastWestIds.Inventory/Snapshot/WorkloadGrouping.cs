using System.Collections.Immutable;
using EastWestIds.Inventory.Model;

namespace EastWestIds.Inventory.Snapshot;

/// <summary>
/// Groups the pods a Service selects into workloads (one per controller), and adds the pod templates whose pods
/// were not exported, so an inventory of Deployments alone still tells who backs a Service.
/// </summary>
internal static class WorkloadGrouping
{
    public static ImmutableArray<WorkloadInfo> For(ServiceInfo service, ImmutableArray<PodInfo> pods, ImmutableArray<WorkloadTemplateInfo> templates)
    {
        if (service.Selector is null || service.Selector.Count == 0)
        {
            // Kubernetes: a Service without selector gets no endpoints from pods.
            return [];
        }

        var groups = new Dictionary<string, List<PodInfo>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var pod in pods)
        {
            if (!string.Equals(pod.Namespace, service.Namespace, StringComparison.Ordinal) || !service.Selector.IsSubsetOf(pod.Labels))
            {
                continue;
            }

            var name = ControllerName(pod, templates);
            if (!groups.TryGetValue(name, out var list))
            {
                groups[name] = list = [];
                order.Add(name);
            }

            list.Add(pod);
        }

        var result = ImmutableArray.CreateBuilder<WorkloadInfo>();
        foreach (var name in order)
        {
            var members = groups[name];
            var first = members[0];
            result.Add(new WorkloadInfo(first.Namespace, name, first.Labels, first.ServiceAccount, first.ContainerPorts, [.. members]));
        }

        foreach (var template in templates)
        {
            if (!string.Equals(template.Namespace, service.Namespace, StringComparison.Ordinal)
                || !service.Selector.IsSubsetOf(template.Labels)
                || template.Owner is not null) // a Deployment's ReplicaSets: the Deployment stands for them
            {
                continue;
            }

            var name = $"{template.Kind}/{template.Name}";
            if (!groups.ContainsKey(name))
            {
                result.Add(new WorkloadInfo(template.Namespace, name, template.Labels, template.ServiceAccount, template.ContainerPorts, []));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>
    /// The controller a pod belongs to, as <c>Kind/name</c>: a ReplicaSet is followed to its Deployment through the
    /// ReplicaSet's owner when known, else through the <c>&lt;deployment&gt;-&lt;hash&gt;</c> naming convention.
    /// </summary>
    internal static string ControllerName(PodInfo pod, ImmutableArray<WorkloadTemplateInfo> templates)
    {
        if (pod.Owner is null)
        {
            return $"Pod/{pod.Name}";
        }

        if (string.Equals(pod.Owner.Kind, "ReplicaSet", StringComparison.Ordinal))
        {
            foreach (var template in templates)
            {
                if (string.Equals(template.Namespace, pod.Namespace, StringComparison.Ordinal))
                {
                    if (string.Equals(template.Kind, "ReplicaSet", StringComparison.Ordinal)
                        && string.Equals(template.Name, pod.Owner.Name, StringComparison.Ordinal)
                        && template.Owner is not null)
                    {
                        return template.Owner.ToString();
                    }
                }
            }

            foreach (var template in templates)
            {
                if (string.Equals(template.Namespace, pod.Namespace, StringComparison.Ordinal)
                    && string.Equals(template.Kind, "Deployment", StringComparison.Ordinal)
                    && pod.Owner.Name.Length > template.Name.Length + 1
                    && pod.Owner.Name.StartsWith(template.Name, StringComparison.Ordinal)
                    && pod.Owner.Name[template.Name.Length] == '-'
                    && pod.Owner.Name.IndexOf('-', template.Name.Length + 1) < 0)
                {
                    return $"Deployment/{template.Name}";
                }
            }
        }

        return pod.Owner.ToString();
    }
}
