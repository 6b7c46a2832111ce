using EastWestIds.Policy.Compilation;
using EastWestIds.Policy.Evaluation;
using static EastWestIds.Policy.Tests.PolicyTestKit;

namespace EastWestIds.Policy.Tests.Evaluation;

/// <summary>HTTP-only attributes on TCP (§3.7) and values that cannot be compiled: ALLOW narrows, DENY widens.</summary>
public class TcpAndErrorTests
{
    [Fact]
    public void Tcp_AllowRuleWithHttpOnlyField_IsDropped_PolicyStillExists()
    {
        var set = Compile(Doc("x", "rules: [{to: [{operation: {methods: [GET]}}]}]"));

        Assert.Equal(VerdictKind.Denied, Evaluate(set, new Req(Tcp: true)).Kind);
        Assert.Equal(VerdictKind.Allowed, Evaluate(set, new Req()).Kind);
    }

    [Fact]
    public void Tcp_DenyRuleWithHttpOnlyField_Widens()
    {
        var set = Compile(Doc("x", "action: DENY\nrules: [{from: [{source: {namespaces: [echo2]}}], to: [{operation: {methods: [GET]}}]}]"));

        Assert.Equal(VerdictKind.Denied, Evaluate(set, new Req(Principal: "spiffe://cluster.local/ns/echo2/sa/a", Method: "POST", Tcp: true)).Kind);
        Assert.Equal(VerdictKind.Allowed, Evaluate(set, new Req(Tcp: true)).Kind);
        Assert.Equal(VerdictKind.Allowed, Evaluate(set, new Req(Principal: "spiffe://cluster.local/ns/echo2/sa/a", Method: "POST")).Kind);
    }

    [Fact]
    public void Tcp_PortsStillApply()
    {
        var set = Compile(Doc("x", "rules: [{to: [{operation: {ports: [\"19090\"]}}]}]"));

        Assert.Equal(VerdictKind.Allowed, Evaluate(set, new Req(Tcp: true, Port: 19090)).Kind);
        Assert.Equal(VerdictKind.Denied, Evaluate(set, new Req(Tcp: true, Port: 19091)).Kind);
    }

    [Fact]
    public void BadValueInAllow_DropsTheRule()
    {
        var set = Compile(Doc("x", "rules: [{from: [{source: {ipBlocks: [10.0.0.0/8, not-a-cidr]}}]}]"));

        Assert.Equal(VerdictKind.Denied, Evaluate(set, new Req(SourceIp: "10.0.0.1")).Kind);
        var diagnostic = Assert.Single(set.Diagnostics);
        Assert.Equal((PolicyDiagnosticSeverity.Error, "echo1/x", (int?)0), (diagnostic.Severity, diagnostic.Policy, diagnostic.RuleIndex));
        Assert.Contains("narrower", diagnostic.Message);
    }

    [Fact]
    public void BadValueInDeny_DropsOnlyTheValue()
    {
        var set = Compile(Doc("x", "action: DENY\nrules: [{to: [{operation: {ports: [\"8080\", \"http\"]}}]}]"));

        Assert.Equal(VerdictKind.Denied, Evaluate(set, new Req(Port: 8080)).Kind);
        Assert.Equal(VerdictKind.Allowed, Evaluate(set, new Req(Port: 9090)).Kind);
        Assert.Contains("widens", Assert.Single(set.Diagnostics).Message);
    }

    [Fact]
    public void ServiceAccountsWithWildcard_AreRejectedValues()
    {
        var set = Compile(Doc("x", "rules: [{from: [{source: {serviceAccounts: [\"echo1/*\"]}}]}]"));

        Assert.Equal(VerdictKind.Denied, Evaluate(set, new Req()).Kind);
        Assert.Contains(set.Diagnostics, d => d.Message.Contains("wildcards"));
    }

    [Fact]
    public void UnknownAction_IgnoresThePolicy()
    {
        var set = Compile(Doc("x", "action: REJECT\nrules: [{}]"));

        Assert.Empty(set.Policies);
        Assert.Contains("unknown action", Assert.Single(set.Diagnostics).Message);
    }
}
