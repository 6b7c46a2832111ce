using EastWestIds.Inventory.Model;
using EastWestIds.Inventory.Model.Istio;
using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Compilation;

/// <summary>
/// One AuthorizationPolicy in matching form. Rules are compiled twice because HTTP-only attributes behave
/// differently on TCP (MESH-SEMANTICS §3.7): an ALLOW rule using one is dropped, a DENY/AUDIT/CUSTOM rule just
/// loses that value (and so widens).
/// </summary>
public sealed class CompiledPolicy
{
    internal CompiledPolicy(AuthorizationPolicyConfig config, PolicyAction action, PolicyEnforcement enforcement, CompiledRule[] httpRules, CompiledRule[] tcpRules, bool usesRequestAuth)
    {
        Config = config;
        Action = action;
        Enforcement = enforcement;
        HttpRules = httpRules;
        TcpRules = tcpRules;
        UsesRequestAuth = usesRequestAuth;
        Name = $"{config.Namespace}/{config.Name}";
    }

    /// <summary>The policy as read.</summary>
    public AuthorizationPolicyConfig Config { get; }

    /// <summary><c>namespace/name</c>.</summary>
    public string Name { get; }

    /// <summary>The action.</summary>
    public PolicyAction Action { get; }

    /// <summary>Whether the mesh enforces it.</summary>
    public PolicyEnforcement Enforcement { get; }

    /// <summary>True when some rule reads JWT attributes (requestPrincipals, request.auth.*).</summary>
    public bool UsesRequestAuth { get; }

    internal CompiledRule[] HttpRules { get; }

    internal CompiledRule[] TcpRules { get; }

    /// <summary>
    /// True when the policy applies to a workload in <paramref name="ns"/> with <paramref name="labels"/>: it is in
    /// the root namespace or the workload's, and its selector (if any) is a subset of the labels (§3.1).
    /// </summary>
    public bool AppliesTo(string ns, LabelSet labels, string rootNamespace)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!string.Equals(Config.Namespace, rootNamespace, StringComparison.Ordinal) && !string.Equals(Config.Namespace, ns, StringComparison.Ordinal))
        {
            return false;
        }

        return Config.Selector is null || Config.Selector.IsSubsetOf(labels);
    }

    /// <summary>The index of the first rule that matches, or -1.</summary>
    internal int FirstMatchingRule(scoped in AuthzRequest request, ref AuthzUnknowns unknowns)
    {
        var rules = request.IsTcp ? TcpRules : HttpRules;
        foreach (var rule in rules)
        {
            if (rule.Matches(request, ref unknowns))
            {
                return rule.Index;
            }
        }

        return -1;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Action}{(Enforcement == PolicyEnforcement.Enforced ? "" : ", " + Enforcement)})";
}
