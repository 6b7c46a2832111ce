using EastWestIds.Policy.Evaluation;
using EastWestIds.Policy.Mesh;
using static EastWestIds.Policy.Tests.PolicyTestKit;

namespace EastWestIds.Policy.Tests.Evaluation;

/// <summary>Which policies apply and the CUSTOM → DENY → ALLOW order (MESH-SEMANTICS §3.1, §3.2).</summary>
public class DecisionOrderTests
{
    [Fact]
    public void NoPolicy_IsUnprotected()
    {
        var verdict = Evaluate(Compile(Doc("other-ns", "rules: [{}]", ns: "echo2")), new Req());

        Assert.Equal(VerdictKind.Unprotected, verdict.Kind);
        Assert.Equal(VerdictReason.NoPolicy, verdict.Reason);
        Assert.True(verdict.MeshAllows);
    }

    [Fact]
    public void Applicability_RootSelectorReachesEveryNamespace_NamespaceWideOnlyItsOwn()
    {
        var set = Compile(
            Doc("root-b", "selector: {matchLabels: {app: b}}\naction: DENY\nrules: [{to: [{operation: {paths: [/root-b]}}]}]", ns: "istio-system")
            + Doc("echo1-all", "action: DENY\nrules: [{to: [{operation: {paths: [/echo1-all]}}]}]")
            + Doc("echo1-c", "selector: {matchLabels: {app: c}}\naction: DENY\nrules: [{to: [{operation: {paths: [/echo1-c]}}]}]"));

        Assert.Equal(VerdictKind.Denied, Evaluate(set, new Req(Path: "/root-b"), ns: "echo2").Kind);
        Assert.Equal(VerdictKind.Allowed, Evaluate(set, new Req(Path: "/echo1-all"), ns: "echo2").Kind);
        Assert.Equal(VerdictKind.Denied, Evaluate(set, new Req(Path: "/echo1-all")).Kind);
        Assert.Equal(VerdictKind.Allowed, Evaluate(set, new Req(Path: "/echo1-c")).Kind);
        Assert.Equal(VerdictKind.Unprotected, Evaluate(set, new Req(Path: "/root-b"), ns: "echo2", labels: "app=c").Kind);
    }

    [Fact]
    public void RootNamespace_IsConfigurable()
    {
        var yaml = Doc("deny-all", "action: DENY\nrules: [{}]", ns: "mesh-root");

        Assert.Equal(VerdictKind.Unprotected, Evaluate(Compile(yaml), new Req()).Kind);
        var mesh = MeshAuthzSettings.Default with { RootNamespace = "mesh-root" };
        Assert.Equal(VerdictKind.Denied, Evaluate(Compile(yaml, mesh), new Req()).Kind);
    }

    [Fact]
    public void Deny_BeatsAllow_RegardlessOfSpecificity()
    {
        var set = Compile(
            Doc("deny-admin", "action: DENY\nrules: [{to: [{operation: {paths: [/allow/admin]}}]}]")
            + Doc("allow-prefix", "rules: [{to: [{operation: {paths: [/allow*]}}]}]"));

        var denied = Evaluate(set, new Req(Path: "/allow/admin"));
        var allowed = Evaluate(set, new Req(Path: "/allow/x"));

        Assert.Equal((VerdictKind.Denied, VerdictReason.DenyRuleMatched, "echo1/deny-admin rule 0"), (denied.Kind, denied.Reason, denied.Rule.ToString()));
        Assert.Equal((VerdictKind.Allowed, VerdictReason.AllowRuleMatched, "echo1/allow-prefix rule 0"), (allowed.Kind, allowed.Reason, allowed.Rule.ToString()));
    }

    [Fact]
    public void AllowPolicies_NoRuleMatched_Denies_NamingThePolicy()
    {
        var set = Compile(Doc("allow-get", "rules: [{to: [{operation: {methods: [GET]}}]}]"));

        var verdict = Evaluate(set, new Req(Method: "POST"));

        Assert.Equal((VerdictKind.Denied, VerdictReason.NoAllowRuleMatched), (verdict.Kind, verdict.Reason));
        Assert.Equal("echo1/allow-get", verdict.Rule.ToString());
        Assert.False(verdict.MeshAllows);
    }

    [Fact]
    public void OnlyDenyPolicies_NotMatching_AllowWithoutRule()
    {
        var verdict = Evaluate(Compile(Doc("d", "action: DENY\nrules: [{to: [{operation: {paths: [/x]}}]}]")), new Req());

        Assert.Equal((VerdictKind.Allowed, VerdictReason.NoAllowPolicy), (verdict.Kind, verdict.Reason));
        Assert.True(verdict.Rule.IsEmpty);
    }

    [Fact]
    public void Custom_Matching_IsExtAuthz_AndKeepsWhatTheRestDecides()
    {
        var set = Compile(
            Doc("ext", "action: CUSTOM\nprovider: {name: opa}\nrules: [{to: [{operation: {paths: [/admin/*]}}]}]")
            + Doc("deny-delete", "action: DENY\nrules: [{to: [{operation: {methods: [DELETE]}}]}]"));

        var ext = Evaluate(set, new Req(Path: "/admin/x"));
        var extThenDeny = Evaluate(set, new Req(Method: "DELETE", Path: "/admin/x"));
        var notCustom = Evaluate(set, new Req(Path: "/public"));

        Assert.Equal((VerdictKind.ExtAuthz, VerdictKind.Allowed), (ext.Kind, ext.IfExtAuthzAllows));
        Assert.Equal((VerdictKind.ExtAuthz, VerdictKind.Denied), (extThenDeny.Kind, extThenDeny.IfExtAuthzAllows));
        Assert.False(extThenDeny.MeshAllows);
        Assert.Equal(VerdictKind.Allowed, notCustom.Kind);
    }

    [Fact]
    public void Custom_WithoutProvider_IsRejected()
    {
        var set = Compile(Doc("ext", "action: CUSTOM\nrules: [{}]"));

        Assert.Empty(set.Policies);
        Assert.Contains(set.Diagnostics, d => d.Message.Contains("provider"));
    }

    [Fact]
    public void Audit_NeverDecides_ButIsReported()
    {
        var set = Compile(Doc("audit", "action: AUDIT\nrules: [{to: [{operation: {methods: [GET]}}]}]"));

        var verdict = Evaluate(set, new Req());

        Assert.Equal(VerdictKind.Unprotected, verdict.Kind);
        Assert.Equal("echo1/audit rule 0", verdict.Audit.ToString());
        Assert.True(Evaluate(set, new Req(Method: "PUT")).Audit.IsEmpty);
    }

    [Fact]
    public void EmptyAllowPolicy_DeniesEverything_EmptyRuleAllowsEverything()
    {
        Assert.Equal(VerdictKind.Denied, Evaluate(Compile(Doc("nothing", "action: ALLOW")), new Req()).Kind);
        Assert.Equal(VerdictKind.Denied, Evaluate(Compile(Doc("nothing", "{}")), new Req()).Kind);
        Assert.Equal(VerdictKind.Allowed, Evaluate(Compile(Doc("all", "rules: [{}]")), new Req(Principal: null)).Kind);
    }

    [Fact]
    public void RuleWithEmptyFromOrToEntries_MatchesAnySourceOrOperation()
    {
        var set = Compile(Doc("entries", "rules: [{from: [{}], to: [{}]}]"));

        Assert.Equal(VerdictKind.Allowed, Evaluate(set, new Req(Principal: null, Method: "PATCH")).Kind);
    }

    [Fact]
    public void DenyWithoutRules_MatchesNothing_WithWarning()
    {
        var set = Compile(Doc("deny-nothing", "action: DENY"));

        Assert.Equal(VerdictKind.Allowed, Evaluate(set, new Req()).Kind);
        Assert.Contains(set.Diagnostics, d => d.Severity == EastWestIds.Policy.Compilation.PolicyDiagnosticSeverity.Warning);
    }

    [Fact]
    public void TargetRefsPolicy_DoesNotBindSidecars()
    {
        var set = Compile(Doc("waypoint", "targetRefs: [{kind: Service, group: \"\", name: b}]\naction: DENY\nrules: [{}]"));

        Assert.Equal(VerdictKind.Unprotected, Evaluate(set, new Req()).Kind);
    }
}
