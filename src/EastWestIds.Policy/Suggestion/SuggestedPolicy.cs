using System.Collections.Immutable;

namespace EastWestIds.Policy.Suggestion;

/// <summary>One suggested ALLOW AuthorizationPolicy: one destination workload, one rule per caller principal.</summary>
/// <param name="Namespace">The workload's namespace (where the policy goes).</param>
/// <param name="Name">The policy name (DNS-1123, unique in the namespace).</param>
/// <param name="Selector">matchLabels: the workload's own labels, without per-pod ones.</param>
/// <param name="Workloads">The workloads it was made for (<c>ns/Deployment/name</c>), for the comment above it.</param>
/// <param name="Rules">The rules, sorted by principal.</param>
public sealed record SuggestedPolicy(
    string Namespace,
    string Name,
    ImmutableSortedDictionary<string, string> Selector,
    ImmutableArray<string> Workloads,
    ImmutableArray<SuggestedRule> Rules);

/// <summary>One rule: calls from <paramref name="Principal"/> (Istio form, without <c>spiffe://</c>) for these operations.</summary>
public sealed record SuggestedRule(string Principal, ImmutableArray<SuggestedOperation> Operations);

/// <summary>One operation: every method with every path (they were grouped so the product is exactly what was seen).</summary>
public sealed record SuggestedOperation(ImmutableArray<string> Methods, ImmutableArray<string> Paths);
