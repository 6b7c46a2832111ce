using System.Collections.Immutable;

namespace EastWestIds.Inventory.Model.Istio;

/// <summary>
/// An Istio AuthorizationPolicy (<c>security.istio.io/v1</c> or <c>v1beta1</c>, the same schema) as data: nothing
/// here is validated or interpreted; the policy compiler does that and reports what it cannot use.
/// </summary>
/// <param name="Namespace">The policy's namespace (the root namespace makes it mesh-wide).</param>
/// <param name="Name">The policy name.</param>
/// <param name="Action">The <c>spec.action</c> text as written; <c>ALLOW</c> when omitted.</param>
/// <param name="Selector">
/// <c>spec.selector.matchLabels</c>, or null when the policy has no selector (namespace-wide). A selector with
/// no labels is kept as <see cref="LabelSet.Empty"/>, which selects every workload too.
/// </param>
/// <param name="Rules">
/// <c>spec.rules</c>; an element is null where the YAML had a null rule (<c>rules: [~]</c>), which Istio skips.
/// Empty when omitted: an ALLOW policy without rules allows nothing.
/// </param>
public sealed record AuthorizationPolicyConfig(
    string Namespace,
    string Name,
    string Action,
    LabelSet? Selector,
    ImmutableArray<RuleConfig?> Rules)
{
    /// <summary>The API version it was read as (<c>security.istio.io/v1</c> or <c>v1beta1</c>).</summary>
    public string ApiVersion { get; init; } = "security.istio.io/v1";

    /// <summary><c>metadata.annotations</c> (the compiler reads <c>istio.io/dry-run</c>).</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary><c>spec.provider.name</c> of a CUSTOM policy, or null.</summary>
    public string? Provider { get; init; }

    /// <summary>True when <c>spec.targetRefs</c>/<c>targetRef</c> is set: the policy binds to gateways/waypoints, not sidecars.</summary>
    public bool HasTargetRefs { get; init; }

    /// <summary>
    /// True when the policy exists only in files given to the IDS, not in the cluster: the mesh does not enforce it,
    /// so what it would deny is reported as would-deny (trying a policy before applying it).
    /// </summary>
    public bool FileOnly { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Namespace}/{Name}";
}
