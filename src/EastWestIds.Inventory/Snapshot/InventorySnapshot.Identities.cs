using EastWestIds.Inventory.Model;

namespace EastWestIds.Inventory.Snapshot;

public sealed partial class InventorySnapshot
{
    // namespace → service account → how many workloads run as it (0 when it exists but nothing uses it)
    // (built in the constructor, read-only afterwards)
    private readonly Dictionary<string, Dictionary<string, int>> _accounts;

    private Dictionary<string, Dictionary<string, int>> Accounts => _accounts;

    /// <summary>True when the namespace is known (case-sensitive, as Kubernetes names are). Allocation-free.</summary>
    public bool HasNamespace(ReadOnlySpan<char> name) =>
        _namespaces.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(name);

    /// <summary>True when the ServiceAccount exists, or pods or templates run as it. Allocation-free.</summary>
    public bool HasServiceAccount(ReadOnlySpan<char> ns, ReadOnlySpan<char> name) =>
        Accounts.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(ns, out var byName)
        && byName.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(name);

    /// <summary>
    /// How many workloads (pods grouped by controller, plus templates of controllers without known pods) run as
    /// the service account; more than one means the identity does not tell which workload called. Allocation-free.
    /// </summary>
    public int WorkloadsRunningAs(ReadOnlySpan<char> ns, ReadOnlySpan<char> name) =>
        Accounts.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(ns, out var byName)
        && byName.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out int count) ? count : 0;

    private Dictionary<string, Dictionary<string, int>> BuildAccounts()
    {
        var workloads = new Dictionary<(string Ns, string Sa), HashSet<string>>();
        void Note(string ns, string sa, string? workload)
        {
            if (!workloads.TryGetValue((ns, sa), out var set))
            {
                workloads[(ns, sa)] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            if (workload is not null)
            {
                set.Add(workload);
            }
        }

        foreach (var account in ServiceAccounts)
        {
            Note(account.Namespace, account.Name, null);
        }

        foreach (var template in WorkloadTemplates)
        {
            if (template.Owner is null)
            {
                Note(template.Namespace, template.ServiceAccount, $"{template.Kind}/{template.Name}");
            }
        }

        foreach (var pod in Pods)
        {
            Note(pod.Namespace, pod.ServiceAccount, WorkloadGrouping.ControllerName(pod, WorkloadTemplates));
        }

        var result = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var ((ns, sa), set) in workloads)
        {
            if (!result.TryGetValue(ns, out var byName))
            {
                result[ns] = byName = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            byName[sa] = set.Count;
        }

        return result;
    }
}
