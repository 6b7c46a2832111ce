using EastWestIds.Inventory.Model;
using EastWestIds.Inventory.Model.Istio;

namespace EastWestIds.Inventory.Snapshot;

/// <summary>
/// Collects model objects from any producer (the YAML reader, the Kubernetes watchers) and freezes them into an
/// <see cref="InventorySnapshot"/>. Adding an object with the kind, namespace and name of one already added
/// replaces it (the later object wins, as a later <c>kubectl apply</c> would) and is counted.
/// Not thread-safe: one builder per rebuild.
/// </summary>
public sealed class InventoryBuilder
{
    internal readonly Dictionary<string, NamespaceInfo> Namespaces = new(StringComparer.Ordinal);
    internal readonly Dictionary<ObjectKey, ServiceAccountInfo> ServiceAccounts = [];
    internal readonly Dictionary<ObjectKey, ServiceInfo> Services = [];
    internal readonly Dictionary<ObjectKey, PodInfo> Pods = [];
    internal readonly Dictionary<(string Kind, ObjectKey Key), WorkloadTemplateInfo> Templates = [];
    internal readonly Dictionary<ObjectKey, AuthorizationPolicyConfig> Policies = [];
    internal readonly Dictionary<ObjectKey, VirtualServiceInfo> VirtualServices = [];
    internal readonly Dictionary<ObjectKey, PeerAuthenticationInfo> PeerAuthentications = [];

    /// <summary>How many added objects replaced an earlier one with the same kind and name.</summary>
    public int ReplacedCount { get; private set; }

    /// <summary>Adds a Namespace.</summary>
    public InventoryBuilder Add(NamespaceInfo item) => Put(Namespaces, Checked(item).Name, item);

    /// <summary>Adds a ServiceAccount.</summary>
    public InventoryBuilder Add(ServiceAccountInfo item) => Put(ServiceAccounts, new ObjectKey(Checked(item).Namespace, item.Name), item);

    /// <summary>Adds a Service.</summary>
    public InventoryBuilder Add(ServiceInfo item) => Put(Services, new ObjectKey(Checked(item).Namespace, item.Name), item);

    /// <summary>Adds a Pod.</summary>
    public InventoryBuilder Add(PodInfo item) => Put(Pods, new ObjectKey(Checked(item).Namespace, item.Name), item);

    /// <summary>Adds a workload controller's pod template.</summary>
    public InventoryBuilder Add(WorkloadTemplateInfo item) => Put(Templates, (Checked(item).Kind, new ObjectKey(item.Namespace, item.Name)), item);

    /// <summary>Adds an AuthorizationPolicy (v1 and v1beta1 share one name space, as in the API server).</summary>
    public InventoryBuilder Add(AuthorizationPolicyConfig item) => Put(Policies, new ObjectKey(Checked(item).Namespace, item.Name), item);

    /// <summary>Adds a VirtualService.</summary>
    public InventoryBuilder Add(VirtualServiceInfo item) => Put(VirtualServices, new ObjectKey(Checked(item).Namespace, item.Name), item);

    /// <summary>Adds a PeerAuthentication.</summary>
    public InventoryBuilder Add(PeerAuthenticationInfo item) => Put(PeerAuthentications, new ObjectKey(Checked(item).Namespace, item.Name), item);

    /// <summary>Freezes what was added. The builder can keep being used; later changes do not reach the snapshot.</summary>
    public InventorySnapshot Build() => new(this);

    private static T Checked<T>(T item)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(item);
        return item;
    }

    private InventoryBuilder Put<TKey, TValue>(Dictionary<TKey, TValue> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryAdd(key, value))
        {
            map[key] = value;
            ReplacedCount++;
        }

        return this;
    }
}
