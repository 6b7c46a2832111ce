using System.Collections.Immutable;

namespace EastWestIds.Policy.Mesh;

/// <summary>The mesh settings that change how AuthorizationPolicies read (MESH-SEMANTICS §3.1, §3.8).</summary>
/// <param name="RootNamespace"><c>meshConfig.rootNamespace</c>: its policies apply mesh-wide.</param>
/// <param name="TrustDomain"><c>meshConfig.trustDomain</c>.</param>
/// <param name="TrustDomainAliases"><c>meshConfig.trustDomainAliases</c>.</param>
public sealed record MeshAuthzSettings(string RootNamespace, string TrustDomain, ImmutableArray<string> TrustDomainAliases)
{
    /// <summary>Istio's defaults: root namespace <c>istio-system</c>, trust domain <c>cluster.local</c>, no aliases.</summary>
    public static MeshAuthzSettings Default { get; } = new("istio-system", "cluster.local", []);
}
