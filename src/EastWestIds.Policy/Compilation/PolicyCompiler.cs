using System.Collections.Immutable;
using EastWestIds.Inventory.Model.Istio;
using EastWestIds.Policy.Mesh;

namespace EastWestIds.Policy.Compilation;

/// <summary>
/// Compiles AuthorizationPolicies once into a <see cref="CompiledPolicySet"/>, doing what Istio's builder does
/// (<c>pilot/pkg/security/authz/builder</c>, <c>model</c>): trust-domain aliases rewritten into principals, HTTP-only
/// attributes handled per action for TCP, and every problem collected as a <see cref="PolicyDiagnostic"/> instead
/// of stopping. Fail direction, as in Istio's <c>checkError</c>: a value that cannot be compiled drops its whole rule
/// from an ALLOW policy (narrower) and only itself from DENY/AUDIT/CUSTOM (wider); an unknown <c>when</c> key drops
/// the rule whatever the action.
/// </summary>
public sealed partial class PolicyCompiler
{
    private readonly MeshAuthzSettings _mesh;
    private readonly TrustDomainBundle _bundle;

    /// <summary>Creates a compiler for a mesh.</summary>
    public PolicyCompiler(MeshAuthzSettings mesh)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        _mesh = mesh;
        _bundle = new TrustDomainBundle(mesh.TrustDomain, mesh.TrustDomainAliases);
    }

    /// <summary>Compiles every policy; the result holds the usable ones and all diagnostics.</summary>
    public CompiledPolicySet Compile(IEnumerable<AuthorizationPolicyConfig> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var compiled = new List<CompiledPolicy>();
        var diagnostics = new List<PolicyDiagnostic>();
        foreach (var policy in policies)
        {
            if (CompilePolicy(policy, diagnostics) is { } result)
            {
                compiled.Add(result);
            }
        }

        return new CompiledPolicySet(_mesh, [.. compiled], [.. diagnostics])
        {
            PathPatternsHaveUpperCase = compiled.Any(p => PathsHaveUpperCase(p.Config)),
        };
    }

    private static bool PathsHaveUpperCase(AuthorizationPolicyConfig policy) =>
        policy.Rules.Any(rule => rule is not null && rule.To.Any(to => to is not null
            && (to.Paths.Any(HasUpperCase) || to.NotPaths.Any(HasUpperCase))));

    private static bool HasUpperCase(string value) => value.AsSpan().ContainsAnyInRange('A', 'Z');

    private CompiledPolicy? CompilePolicy(AuthorizationPolicyConfig policy, List<PolicyDiagnostic> diagnostics)
    {
        string name = policy.ToString();
        void Report(PolicyDiagnosticSeverity severity, int? rule, string message) => diagnostics.Add(new PolicyDiagnostic(severity, name, rule, message));

        PolicyAction action;
        switch (policy.Action)
        {
            case "ALLOW": action = PolicyAction.Allow; break;
            case "DENY": action = PolicyAction.Deny; break;
            case "AUDIT": action = PolicyAction.Audit; break;
            case "CUSTOM": action = PolicyAction.Custom; break;
            default:
                Report(PolicyDiagnosticSeverity.Error, null, $"unknown action '{policy.Action}'; the policy is ignored");
                return null;
        }

        if (policy.HasTargetRefs)
        {
            Report(PolicyDiagnosticSeverity.Warning, null, "targetRefs binds the policy to gateways or waypoints, not sidecars; ignored here");
            return null;
        }

        if (action == PolicyAction.Custom && string.IsNullOrEmpty(policy.Provider))
        {
            Report(PolicyDiagnosticSeverity.Error, null, "CUSTOM without provider is rejected by Istio; the policy is ignored");
            return null;
        }

        if (action != PolicyAction.Custom && !string.IsNullOrEmpty(policy.Provider))
        {
            Report(PolicyDiagnosticSeverity.Error, null, $"provider is only allowed with CUSTOM (Istio rejects this policy); evaluated as {policy.Action}");
        }

        var enforcement = policy.FileOnly ? PolicyEnforcement.FileOnly
            : IsDryRun(policy, m => Report(PolicyDiagnosticSeverity.Error, null, m)) ? PolicyEnforcement.DryRun
            : PolicyEnforcement.Enforced;

        if (policy.Rules.IsDefaultOrEmpty)
        {
            if (action != PolicyAction.Allow)
            {
                Report(PolicyDiagnosticSeverity.Warning, null, $"{policy.Action} without rules matches nothing (Istio rejects it as meaningless)");
            }

            return new CompiledPolicy(policy, action, enforcement, [], [], usesRequestAuth: false);
        }

        var http = new List<CompiledRule>();
        var tcp = new List<CompiledRule>();
        bool usesAuth = false;
        for (int i = 0; i < policy.Rules.Length; i++)
        {
            var rule = policy.Rules[i];
            if (rule is null)
            {
                Report(PolicyDiagnosticSeverity.Warning, i, "null rule skipped");
                continue;
            }

            var httpContext = new RuleContext(this, policy, action, i, forTcp: false, m => Report(PolicyDiagnosticSeverity.Error, i, m));
            if (httpContext.Compile(rule) is { } compiledHttp)
            {
                http.Add(compiledHttp);
            }

            usesAuth |= httpContext.UsesRequestAuth;
            var tcpContext = new RuleContext(this, policy, action, i, forTcp: true, report: null);
            if (tcpContext.Compile(rule) is { } compiledTcp)
            {
                tcp.Add(compiledTcp);
            }
        }

        return new CompiledPolicy(policy, action, enforcement, [.. http], [.. tcp], usesAuth);
    }

    // Go's strconv.ParseBool, which Istio uses for istio.io/dry-run; an unparsable value counts as false.
    private static bool IsDryRun(AuthorizationPolicyConfig policy, Action<string> report)
    {
        if (!policy.Annotations.TryGetValue("istio.io/dry-run", out var value))
        {
            return false;
        }

        switch (value)
        {
            case "1" or "t" or "T" or "true" or "TRUE" or "True":
                return true;
            case "0" or "f" or "F" or "false" or "FALSE" or "False":
                return false;
            default:
                report($"istio.io/dry-run: '{value}' is not a boolean; the policy is treated as enforced, as Istio does");
                return false;
        }
    }

    private ImmutableArray<string> Principals(ImmutableArray<string> values) =>
        values.IsDefaultOrEmpty ? [] : _bundle.ReplaceTrustDomainAliases(values);

    private ImmutableArray<string> TrustDomains(ImmutableArray<string> values) =>
        values.IsDefaultOrEmpty ? [] : _bundle.ExpandTrustDomainAliases(values);
}
