using System.Collections.Immutable;
using System.Text;
using EastWestIds.Identity.Callee;
using EastWestIds.Inventory.Model;
using EastWestIds.Inventory.Snapshot;
using EastWestIds.Policy.Baseline;

namespace EastWestIds.Policy.Suggestion;

/// <summary>What the suggester made: the policies, and every edge it could not turn into one, with why.</summary>
public sealed record SuggestionResult(ImmutableArray<SuggestedPolicy> Policies, ImmutableArray<string> Notes, int EdgesUsed);

/// <summary>
/// Least-privilege ALLOW AuthorizationPolicies from baseline edges (issue 4 "Policy suggestion"): for each destination
/// workload, one rule per caller principal allowing exactly the methods and path templates it was seen using.
/// </summary>
/// <remarks>
/// <para>
/// The destination comes from the edge's callee, the Service key <c>name.namespace</c> (<c>EastWestIds.Identity.Callee.ServiceKey</c>;
/// a baseline exported by an older build, <c>svc.ns.svc.cluster.local</c> or a short name, is normalized the same way),
/// through the inventory: the Service's
/// selector picks its workloads, and each workload gets a policy selecting it by its own labels (per-pod labels such as
/// <c>pod-template-hash</c> left out). A workload behind several Services gathers the edges of all of them.
/// </para>
/// <para>
/// Inside a rule, paths are grouped by the exact set of methods seen on them, and each group is one operation
/// (<c>methods</c> × <c>paths</c>), so the rule allows what was seen and nothing else. Principals lose their
/// <c>spiffe://</c>, as Istio wants. Edges that cannot be expressed (a caller that is not a SPIFFE ID, a Service
/// the inventory does not have, a path Istio would read differently) are left out and named in
/// <see cref="SuggestionResult.Notes"/>: a suggestion that silently allowed less would break traffic, one that
/// allowed more would not be least privilege.
/// </para>
/// </remarks>
public static class PolicySuggester
{
    /// <summary>Labels that differ per pod or are added by injection: a selector on them would miss the workload's other pods.</summary>
    private static readonly HashSet<string> s_perPodLabels = new(StringComparer.Ordinal)
    {
        "pod-template-hash", "controller-revision-hash", "statefulset.kubernetes.io/pod-name", "apps.kubernetes.io/pod-index",
        "controller-uid", "batch.kubernetes.io/controller-uid", "batch.kubernetes.io/job-completion-index",
        "security.istio.io/tlsMode", "service.istio.io/canonical-name", "service.istio.io/canonical-revision",
    };

    /// <summary>Makes the policies.</summary>
    public static SuggestionResult Suggest(IEnumerable<LearnedEdge> edges, InventorySnapshot inventory, PathStyle style = PathStyle.Template)
    {
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(inventory);
        var notes = new SortedSet<string>(StringComparer.Ordinal);

        // workload key (ns + selector) → (workloads, principal → path → methods)
        var byWorkload = new SortedDictionary<string, Target>(StringComparer.Ordinal);
        var used = 0;
        foreach (var edge in edges)
        {
            if (!edge.Caller.StartsWith("spiffe://", StringComparison.Ordinal) || edge.Caller.Length <= "spiffe://".Length)
            {
                notes.Add($"caller '{edge.Caller}' is not a SPIFFE ID: its edges are left out");
                continue;
            }

            if (!TryService(edge, inventory, out var service))
            {
                notes.Add($"callee '{edge.Callee}' is not a Service in the objects: its edges are left out");
                continue;
            }

            var path = IstioPathForm.From(edge.PathTemplate, style, out var problem, out var widened);
            if (path is null)
            {
                notes.Add($"{edge.Caller} → {edge.Callee} {edge.Method}: {problem}; left out");
                continue;
            }

            if (widened)
            {
                notes.Add($"'{edge.PathTemplate}' written as prefix '{path}' (wider than learned; use path templates on Istio ≥ 1.22)");
            }

            var workloads = inventory.WorkloadsBehind(service);
            if (workloads.IsDefaultOrEmpty)
            {
                notes.Add($"Service {service.Namespace}/{service.Name} has no workloads in the objects: its edges are left out");
                continue;
            }

            used++;
            foreach (var workload in workloads)
            {
                var selector = Selector(workload, service, notes);
                var key = workload.Namespace + "\n" + string.Join(",", selector.Select(p => $"{p.Key}={p.Value}"));
                if (!byWorkload.TryGetValue(key, out var target))
                {
                    target = new Target(workload.Namespace, selector);
                    byWorkload.Add(key, target);
                }

                target.Workloads.Add(workload.ToString());
                var principal = edge.Caller["spiffe://".Length..];
                if (!target.Calls.TryGetValue(principal, out var paths))
                {
                    paths = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
                    target.Calls.Add(principal, paths);
                }

                if (!paths.TryGetValue(path, out var methods))
                {
                    methods = new SortedSet<string>(StringComparer.Ordinal);
                    paths.Add(path, methods);
                }

                methods.Add(edge.Method);
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var policies = ImmutableArray.CreateBuilder<SuggestedPolicy>();
        foreach (var target in byWorkload.Values)
        {
            var rules = ImmutableArray.CreateBuilder<SuggestedRule>();
            foreach (var (principal, paths) in target.Calls)
            {
                // paths with the same method set share one operation: methods × paths is then exactly what was seen
                var groups = new SortedDictionary<string, (ImmutableArray<string> Methods, List<string> Paths)>(StringComparer.Ordinal);
                foreach (var (path, methods) in paths)
                {
                    var methodKey = string.Join(",", methods);
                    if (!groups.TryGetValue(methodKey, out var group))
                    {
                        group = ([.. methods], []);
                        groups.Add(methodKey, group);
                    }

                    group.Paths.Add(path);
                }

                rules.Add(new SuggestedRule(principal, [.. groups.Values.Select(g => new SuggestedOperation(g.Methods, [.. g.Paths]))]));
            }

            var name = UniqueName(target, names);
            policies.Add(new SuggestedPolicy(target.Namespace, name, target.Selector, [.. target.Workloads], rules.ToImmutable()));
        }

        return new SuggestionResult(policies.ToImmutable(), [.. notes], used);
    }

    private static bool TryService(LearnedEdge edge, InventorySnapshot inventory, out ServiceInfo service)
    {
        service = null!;
        var key = ServiceKey.Of(edge.Caller, edge.Callee);
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == key.Length - 1 || key.IndexOf('.', dot + 1) >= 0)
        {
            return false; // not name.namespace: an external host, an IP, or a short name nothing resolved
        }

        if (!inventory.TryGetService(key.AsSpan(dot + 1), key.AsSpan(0, dot), out var found))
        {
            return false;
        }

        service = found;
        return true;
    }

    private static ImmutableSortedDictionary<string, string> Selector(WorkloadInfo workload, ServiceInfo service, SortedSet<string> notes)
    {
        var labels = workload.Labels.Values.Where(p => !s_perPodLabels.Contains(p.Key)).ToImmutableSortedDictionary(StringComparer.Ordinal);
        if (!labels.IsEmpty)
        {
            return labels;
        }

        // no labels of its own: select by the Service's selector, which covers every workload behind it
        notes.Add($"workload {workload} has no labels of its own: selected by Service {service.Namespace}/{service.Name}'s selector");
        return (service.Selector?.Values ?? new Dictionary<string, string>()).ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    private static string UniqueName(Target target, HashSet<string> taken)
    {
        var workload = target.Workloads.Min ?? "workload";
        var shortName = workload[(workload.LastIndexOf('/') + 1)..];
        var text = new StringBuilder("ewids-allow-");
        foreach (var c in shortName.ToLowerInvariant())
        {
            text.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' ? c : '-');
        }

        var name = text.ToString().TrimEnd('-');
        name = name.Length > 58 ? name[..58].TrimEnd('-') : name;
        var candidate = name;
        for (var n = 2; !taken.Add(target.Namespace + "/" + candidate); n++)
        {
            candidate = $"{name}-{n}";
        }

        return candidate;
    }

    private sealed class Target(string ns, ImmutableSortedDictionary<string, string> selector)
    {
        public string Namespace { get; } = ns;

        public ImmutableSortedDictionary<string, string> Selector { get; } = selector;

        public SortedSet<string> Workloads { get; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, SortedDictionary<string, SortedSet<string>>> Calls { get; } = new(StringComparer.Ordinal);
    }
}
