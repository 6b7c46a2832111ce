using EastWestIds.Policy.Compilation;
using EastWestIds.Policy.Evaluation;
using static EastWestIds.Policy.Tests.PolicyTestKit;

namespace EastWestIds.Policy.Tests.Evaluation;

/// <summary>Dry-run and file-only policies never change the mesh's decision; they yield would-deny (§3.9).</summary>
public class DryRunTests
{
    private const string DryRun = "{istio.io/dry-run: \"true\"}";

    [Fact]
    public void DryRunDeny_Matching_IsWouldDeny_AndShadowDenied()
    {
        var set = Compile(Doc("x", "action: DENY\nrules: [{to: [{operation: {paths: [/headers]}}]}]", annotations: DryRun));

        var verdict = Evaluate(set, new Req(Path: "/headers"));

        Assert.Equal((VerdictKind.WouldDeny, VerdictReason.DenyRuleMatched, ShadowResult.Denied), (verdict.Kind, verdict.Reason, verdict.DryRunDeny));
        Assert.True(verdict.MeshAllows);
        Assert.Equal((VerdictKind.Unprotected, ShadowResult.Allowed), (Evaluate(set, new Req(Path: "/other")).Kind, Evaluate(set, new Req(Path: "/other")).DryRunDeny));
    }

    [Fact]
    public void DryRunAllow_DoesNotCountAsAnAllowPolicy()
    {
        var set = Compile(Doc("x", "rules: [{to: [{operation: {paths: [/exact]}}]}]", annotations: DryRun));

        var other = Evaluate(set, new Req(Path: "/other"));
        var exact = Evaluate(set, new Req(Path: "/exact"));

        Assert.Equal((VerdictKind.WouldDeny, VerdictReason.NoAllowRuleMatched, ShadowResult.Denied), (other.Kind, other.Reason, other.DryRunAllow));
        Assert.Equal((VerdictKind.Unprotected, ShadowResult.Allowed), (exact.Kind, exact.DryRunAllow));
    }

    [Fact]
    public void DryRunAllow_NextToAMatchingEnforcedAllow_DoesNotWouldDeny()
    {
        var set = Compile(
            Doc("enforced", "rules: [{to: [{operation: {paths: [/a]}}]}]")
            + Doc("trial", "rules: [{to: [{operation: {paths: [/b]}}]}]", annotations: DryRun));

        var verdict = Evaluate(set, new Req(Path: "/a"));

        Assert.Equal(VerdictKind.Allowed, verdict.Kind);
        Assert.Equal(ShadowResult.Denied, verdict.DryRunAllow); // Envoy's shadow engine judges the dry-run set alone
    }

    [Fact]
    public void EnforcedDeny_WinsOverWouldDeny()
    {
        var set = Compile(
            Doc("enforced", "action: DENY\nrules: [{}]")
            + Doc("trial", "action: DENY\nrules: [{}]", annotations: DryRun));

        Assert.Equal(VerdictKind.Denied, Evaluate(set, new Req()).Kind);
    }

    [Fact]
    public void FileOnlyPolicy_IsNotEnforced()
    {
        var set = Compile(Doc("proposed", "rules: [{from: [{source: {namespaces: [echo1]}}]}]"), fileOnly: true);

        Assert.Equal(PolicyEnforcement.FileOnly, Assert.Single(set.Policies).Enforcement);
        Assert.Equal(VerdictKind.WouldDeny, Evaluate(set, new Req(Principal: "spiffe://cluster.local/ns/echo2/sa/a")).Kind);
        Assert.Equal(VerdictKind.Unprotected, Evaluate(set, new Req()).Kind);
    }

    [Theory]
    [InlineData("\"false\"", PolicyEnforcement.Enforced, false)]
    [InlineData("\"1\"", PolicyEnforcement.DryRun, false)]
    [InlineData("\"yes\"", PolicyEnforcement.Enforced, true)]
    public void DryRunAnnotation_ParsedAsGoBool(string value, PolicyEnforcement expected, bool diagnostic)
    {
        var set = Compile(Doc("x", "rules: [{}]", annotations: "{istio.io/dry-run: " + value + "}"));

        Assert.Equal(expected, Assert.Single(set.Policies).Enforcement);
        Assert.Equal(diagnostic, !set.Diagnostics.IsEmpty);
    }
}
