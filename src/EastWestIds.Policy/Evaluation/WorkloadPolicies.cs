using EastWestIds.Policy.Compilation;
using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Evaluation;

/// <summary>
/// The policies that apply to one workload, sorted by action and enforcement once, and the evaluator over them.
/// <see cref="Evaluate"/> is the per-request hot path and allocates nothing.
/// </summary>
public sealed class WorkloadPolicies
{
    internal WorkloadPolicies(IReadOnlyList<CompiledPolicy> applicable)
    {
        Applicable = [.. applicable];
        Custom = Pick(applicable, PolicyAction.Custom, enforced: true);
        Deny = Pick(applicable, PolicyAction.Deny, enforced: true);
        Allow = Pick(applicable, PolicyAction.Allow, enforced: true);
        Audit = Pick(applicable, PolicyAction.Audit, enforced: true);
        ShadowDeny = Pick(applicable, PolicyAction.Deny, enforced: false);
        ShadowAllow = Pick(applicable, PolicyAction.Allow, enforced: false);
        UsesRequestAuth = applicable.Any(p => p.UsesRequestAuth);
    }

    /// <summary>Every applicable policy (all actions, enforced or not).</summary>
    public IReadOnlyList<CompiledPolicy> Applicable { get; }

    /// <summary>True when some applicable policy reads JWT attributes.</summary>
    public bool UsesRequestAuth { get; }

    internal CompiledPolicy[] Custom { get; }

    internal CompiledPolicy[] Deny { get; }

    internal CompiledPolicy[] Allow { get; }

    internal CompiledPolicy[] Audit { get; }

    internal CompiledPolicy[] ShadowDeny { get; }

    internal CompiledPolicy[] ShadowAllow { get; }

    /// <summary>
    /// Judges <paramref name="request"/> as the workload's sidecar would (MESH-SEMANTICS §3.2), in Istio's order:
    /// CUSTOM (an external authorizer decides), then DENY (any match denies, whatever its specificity), then ALLOW
    /// (with no ALLOW policy everything left is allowed; with one, only a matching rule allows). AUDIT never decides.
    /// Dry-run and file-only policies never change the mesh's decision: they are evaluated as Envoy's shadow engine
    /// does, and as if enforced, to report what they would deny.
    /// </summary>
    public AuthzVerdict Evaluate(scoped in AuthzRequest request)
    {
        var unknowns = AuthzUnknowns.None;
        var custom = FirstMatch(Custom, request, ref unknowns);
        var deny = FirstMatch(Deny, request, ref unknowns);
        var allow = FirstMatch(Allow, request, ref unknowns);
        var audit = FirstMatch(Audit, request, ref unknowns);
        var shadowDeny = FirstMatch(ShadowDeny, request, ref unknowns);
        var shadowAllow = FirstMatch(ShadowAllow, request, ref unknowns);

        VerdictKind kind;
        VerdictReason reason;
        PolicyRuleRef rule;
        if (!deny.IsEmpty)
        {
            (kind, reason, rule) = (VerdictKind.Denied, VerdictReason.DenyRuleMatched, deny);
        }
        else if (Allow.Length > 0 && allow.IsEmpty)
        {
            (kind, reason, rule) = (VerdictKind.Denied, VerdictReason.NoAllowRuleMatched, new PolicyRuleRef(Allow[0], -1));
        }
        else if (!shadowDeny.IsEmpty)
        {
            (kind, reason, rule) = (VerdictKind.WouldDeny, VerdictReason.DenyRuleMatched, shadowDeny);
        }
        else if (ShadowAllow.Length > 0 && shadowAllow.IsEmpty && allow.IsEmpty)
        {
            // as if enforced, the non-enforced ALLOW policies would make an ALLOW policy exist, and none matches
            (kind, reason, rule) = (VerdictKind.WouldDeny, VerdictReason.NoAllowRuleMatched, new PolicyRuleRef(ShadowAllow[0], -1));
        }
        else if (!allow.IsEmpty)
        {
            (kind, reason, rule) = (VerdictKind.Allowed, VerdictReason.AllowRuleMatched, allow);
        }
        else if (Deny.Length > 0 || Custom.Length > 0)
        {
            (kind, reason, rule) = (VerdictKind.Allowed, VerdictReason.NoAllowPolicy, default);
        }
        else
        {
            (kind, reason, rule) = (VerdictKind.Unprotected, VerdictReason.NoPolicy, default);
        }

        var ifExtAuthzAllows = kind;
        if (!custom.IsEmpty)
        {
            (kind, reason, rule) = (VerdictKind.ExtAuthz, VerdictReason.CustomRuleMatched, custom);
        }

        return new AuthzVerdict
        {
            Kind = kind,
            Reason = reason,
            Rule = rule,
            IfExtAuthzAllows = ifExtAuthzAllows,
            Audit = audit,
            DryRunDeny = ShadowDeny.Length == 0 ? ShadowResult.NotApplicable : shadowDeny.IsEmpty ? ShadowResult.Allowed : ShadowResult.Denied,
            DryRunAllow = ShadowAllow.Length == 0 ? ShadowResult.NotApplicable : shadowAllow.IsEmpty ? ShadowResult.Denied : ShadowResult.Allowed,
            Unknowns = unknowns,
        };
    }

    private static PolicyRuleRef FirstMatch(CompiledPolicy[] policies, scoped in AuthzRequest request, ref AuthzUnknowns unknowns)
    {
        foreach (var policy in policies)
        {
            int rule = policy.FirstMatchingRule(request, ref unknowns);
            if (rule >= 0)
            {
                return new PolicyRuleRef(policy, rule);
            }
        }

        return default;
    }

    private static CompiledPolicy[] Pick(IReadOnlyList<CompiledPolicy> policies, PolicyAction action, bool enforced) =>
        [.. policies.Where(p => p.Action == action && (p.Enforcement == PolicyEnforcement.Enforced) == enforced)];
}
