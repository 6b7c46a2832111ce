using System.Collections.Immutable;
using EastWestIds.Inventory.Model;

namespace EastWestIds.Inventory.Yaml;

/// <summary>Reads the core Kubernetes kinds (Namespace, ServiceAccount, Service, Pod, workload controllers).</summary>
internal static class CoreObjectMapper
{
    public static readonly ImmutableHashSet<string> WorkloadKinds =
        ImmutableHashSet.Create(StringComparer.Ordinal, "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");

    public static NamespaceInfo Namespace(YamlNodes metadata) =>
        new(metadata.RequiredString("name"), metadata.Labels("labels"));

    public static ServiceAccountInfo ServiceAccount(YamlNodes metadata, string ns) =>
        new(ns, metadata.RequiredString("name"));

    public static ServiceInfo Service(YamlNodes metadata, YamlNodes spec, string ns)
    {
        var ports = ImmutableArray.CreateBuilder<ServicePortInfo>();
        foreach (var port in spec.Maps("ports"))
        {
            if (!port.Exists)
            {
                throw new MalformedObjectException($"{port.Path} must be a mapping");
            }

            int number = port.Int("port", 1, 65535) ?? throw new MalformedObjectException($"{port.Path}.port is required");
            ports.Add(new ServicePortInfo(
                port.String("name"),
                number,
                TargetPortOf(port, number),
                port.String("protocol") ?? "TCP",
                port.String("appProtocol")));
        }

        var clusterIps = ImmutableArray.CreateBuilder<IpKey>();
        foreach (var text in spec.Has("clusterIPs") ? spec.Strings("clusterIPs") : [.. OptionalList(spec.String("clusterIP"))])
        {
            if (IpKey.TryParse(text, out var ip))
            {
                clusterIps.Add(ip); // "None" marks a headless Service: no address
            }
        }

        LabelSet? selector = spec.Has("selector") ? spec.Labels("selector") : null;
        return new ServiceInfo(ns, metadata.RequiredString("name"), selector, ports.ToImmutable(), spec.String("type") ?? "ClusterIP", clusterIps.ToImmutable());
    }

    public static PodInfo Pod(YamlNodes metadata, YamlNodes spec, YamlNodes status, string ns)
    {
        var ips = ImmutableArray.CreateBuilder<IpKey>();
        foreach (var entry in status.Maps("podIPs"))
        {
            AddIp(ips, entry.String("ip"), entry.Path + ".ip");
        }

        if (ips.Count == 0)
        {
            AddIp(ips, status.String("podIP"), status.Path + ".podIP");
        }

        return new PodInfo(
            ns,
            metadata.RequiredString("name"),
            metadata.Labels("labels"),
            ServiceAccountOf(spec),
            ips.ToImmutable(),
            ContainerPorts(spec),
            ControllerOf(metadata),
            spec.Bool("hostNetwork"));
    }

    public static WorkloadTemplateInfo Workload(string kind, YamlNodes metadata, YamlNodes spec, string ns)
    {
        var template = spec.Map("template");
        if (!template.Exists)
        {
            throw new MalformedObjectException("spec.template is required");
        }

        var podSpec = template.Map("spec");
        return new WorkloadTemplateInfo(
            kind,
            ns,
            metadata.RequiredString("name"),
            template.Map("metadata").Labels("labels"),
            ServiceAccountOf(podSpec),
            ContainerPorts(podSpec),
            ControllerOf(metadata));
    }

    private static TargetPort TargetPortOf(YamlNodes port, int servicePort)
    {
        var text = port.String("targetPort");
        if (string.IsNullOrEmpty(text))
        {
            return TargetPort.FromNumber(servicePort);
        }

        if (char.IsAsciiDigit(text[0]))
        {
            return TargetPort.FromNumber(port.Int("targetPort", 1, 65535)!.Value);
        }

        // IANA_SVC_NAME: up to 15 lower-case letters, digits and '-'
        if (text.Length > 15 || !text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new MalformedObjectException($"{port.Path}.targetPort: '{text}' is neither a port number nor a port name");
        }

        return TargetPort.FromName(text);
    }

    private static string ServiceAccountOf(YamlNodes podSpec) =>
        podSpec.String("serviceAccountName") is { Length: > 0 } name ? name
        : podSpec.String("serviceAccount") is { Length: > 0 } legacy ? legacy
        : "default";

    private static ImmutableArray<ContainerPortInfo> ContainerPorts(YamlNodes podSpec)
    {
        var ports = ImmutableArray.CreateBuilder<ContainerPortInfo>();
        foreach (var container in podSpec.Maps("containers"))
        {
            foreach (var port in container.Maps("ports"))
            {
                int number = port.Int("containerPort", 1, 65535) ?? throw new MalformedObjectException($"{port.Path}.containerPort is required");
                ports.Add(new ContainerPortInfo(port.String("name"), number, port.String("protocol") ?? "TCP"));
            }
        }

        return ports.ToImmutable();
    }

    private static OwnerRef? ControllerOf(YamlNodes metadata)
    {
        foreach (var owner in metadata.Maps("ownerReferences"))
        {
            if (owner.Bool("controller"))
            {
                return new OwnerRef(owner.RequiredString("kind"), owner.RequiredString("name"));
            }
        }

        return null;
    }

    private static void AddIp(ImmutableArray<IpKey>.Builder ips, string? text, string path)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        if (!IpKey.TryParse(text, out var ip))
        {
            throw new MalformedObjectException($"{path}: '{text}' is not an IP address");
        }

        if (!ips.Contains(ip))
        {
            ips.Add(ip);
        }
    }

    private static IEnumerable<string> OptionalList(string? value)
    {
        if (value is not null)
        {
            yield return value;
        }
    }
}
