using System.Collections.Frozen;
using System.Collections.Immutable;
using EastWestIds.Inventory.Model;
using EastWestIds.Inventory.Model.Istio;

namespace EastWestIds.Inventory.Snapshot;

/// <summary>
/// Everything the judgement of a request needs from the cluster, frozen: the objects plus the lookups a request
/// makes (pod by IP, service by host name, workloads behind a service). Immutable and safe to share between
/// threads; a change in the cluster builds a new snapshot (<see cref="InventoryBuilder"/>).
/// </summary>
public sealed partial class InventorySnapshot
{
    private readonly FrozenDictionary<string, NamespaceInfo> _namespaces;
    private readonly FrozenSet<ObjectKey> _serviceAccounts;
    private readonly Dictionary<string, Dictionary<string, ServiceInfo>> _servicesByNamespace;
    private readonly Dictionary<string, Dictionary<string, ServiceInfo>>.AlternateLookup<ReadOnlySpan<char>> _servicesLookup;
    private readonly FrozenDictionary<IpKey, ImmutableArray<PodInfo>> _podsByIp;
    private readonly FrozenDictionary<ObjectKey, ImmutableArray<WorkloadInfo>> _workloadsByService;

    /// <summary>An empty inventory.</summary>
    public static InventorySnapshot Empty { get; } = new InventoryBuilder().Build();

    internal InventorySnapshot(InventoryBuilder builder)
    {
        Namespaces = [.. builder.Namespaces.Values.OrderBy(n => n.Name, StringComparer.Ordinal)];
        ServiceAccounts = [.. builder.ServiceAccounts.Values.OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)];
        Services = [.. builder.Services.Values.OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)];
        Pods = [.. builder.Pods.Values.OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)];
        WorkloadTemplates = [.. builder.Templates.Values.OrderBy(t => t.Namespace, StringComparer.Ordinal).ThenBy(t => t.Kind, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal)];
        AuthorizationPolicies = [.. builder.Policies.Values.OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)];
        VirtualServices = [.. builder.VirtualServices.Values.OrderBy(v => v.Namespace, StringComparer.Ordinal).ThenBy(v => v.Name, StringComparer.Ordinal)];
        PeerAuthentications = [.. builder.PeerAuthentications.Values.OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)];

        _namespaces = builder.Namespaces.ToFrozenDictionary(StringComparer.Ordinal);
        _serviceAccounts = builder.ServiceAccounts.Keys.ToFrozenSet();

        // Kubernetes names are lower case; a Host may not be (hosts are case-insensitive), hence OrdinalIgnoreCase.
        _servicesByNamespace = new Dictionary<string, Dictionary<string, ServiceInfo>>(StringComparer.OrdinalIgnoreCase);
        foreach (var service in Services)
        {
            if (!_servicesByNamespace.TryGetValue(service.Namespace, out var byName))
            {
                byName = new Dictionary<string, ServiceInfo>(StringComparer.OrdinalIgnoreCase);
                _servicesByNamespace.Add(service.Namespace, byName);
            }

            byName[service.Name] = service;
        }

        _servicesLookup = _servicesByNamespace.GetAlternateLookup<ReadOnlySpan<char>>();

        var byIp = new Dictionary<IpKey, List<PodInfo>>();
        foreach (var pod in Pods)
        {
            foreach (var ip in pod.IPs)
            {
                if (!byIp.TryGetValue(ip, out var list))
                {
                    byIp[ip] = list = [];
                }

                list.Add(pod);
            }
        }

        _podsByIp = byIp.ToFrozenDictionary(p => p.Key, p => p.Value.ToImmutableArray());
        _workloadsByService = Services.ToFrozenDictionary(s => new ObjectKey(s.Namespace, s.Name), s => WorkloadGrouping.For(s, Pods, WorkloadTemplates));
        _accounts = BuildAccounts();
    }

    /// <summary>Namespaces, by name.</summary>
    public ImmutableArray<NamespaceInfo> Namespaces { get; }

    /// <summary>ServiceAccounts, by namespace and name.</summary>
    public ImmutableArray<ServiceAccountInfo> ServiceAccounts { get; }

    /// <summary>Services, by namespace and name.</summary>
    public ImmutableArray<ServiceInfo> Services { get; }

    /// <summary>Pods, by namespace and name.</summary>
    public ImmutableArray<PodInfo> Pods { get; }

    /// <summary>Pod templates of Deployments, StatefulSets, DaemonSets, ReplicaSets and Jobs.</summary>
    public ImmutableArray<WorkloadTemplateInfo> WorkloadTemplates { get; }

    /// <summary>AuthorizationPolicies, by namespace and name.</summary>
    public ImmutableArray<AuthorizationPolicyConfig> AuthorizationPolicies { get; }

    /// <summary>VirtualServices.</summary>
    public ImmutableArray<VirtualServiceInfo> VirtualServices { get; }

    /// <summary>PeerAuthentications.</summary>
    public ImmutableArray<PeerAuthenticationInfo> PeerAuthentications { get; }

    /// <summary>The namespace called <paramref name="name"/>, or null.</summary>
    public NamespaceInfo? FindNamespace(string name) => _namespaces.GetValueOrDefault(name);

    /// <summary>True when the inventory holds the ServiceAccount <paramref name="ns"/>/<paramref name="name"/>.</summary>
    public bool HasServiceAccount(string ns, string name) => _serviceAccounts.Contains(new ObjectKey(ns, name));

    /// <summary>The pods that have <paramref name="ip"/> (several only for host-network pods); empty when none.</summary>
    public ImmutableArray<PodInfo> PodsByIp(IpKey ip) => _podsByIp.TryGetValue(ip, out var pods) ? pods : [];

    /// <summary>The Service <paramref name="name"/> in <paramref name="ns"/> (case-insensitive), without allocating.</summary>
    public bool TryGetService(ReadOnlySpan<char> ns, ReadOnlySpan<char> name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ServiceInfo? service)
    {
        service = null;
        return _servicesLookup.TryGetValue(ns, out var byName) && byName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out service);
    }

    /// <summary>
    /// The workloads that back <paramref name="service"/>: its selector matched against pod labels (grouped by
    /// controller) and against pod templates whose pods are not in the inventory. Empty for a Service without
    /// selector or unknown to this snapshot.
    /// </summary>
    public ImmutableArray<WorkloadInfo> WorkloadsBehind(ServiceInfo service) =>
        _workloadsByService.TryGetValue(new ObjectKey(service.Namespace, service.Name), out var workloads) ? workloads : [];
}
