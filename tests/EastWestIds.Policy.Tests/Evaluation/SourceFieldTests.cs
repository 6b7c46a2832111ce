using EastWestIds.Policy.Evaluation;
using EastWestIds.Policy.Mesh;
using EastWestIds.Policy.Requests;
using static EastWestIds.Policy.Tests.PolicyTestKit;

namespace EastWestIds.Policy.Tests.Evaluation;

/// <summary>Every <c>source</c> field and its negation (MESH-SEMANTICS §3.4).</summary>
public class SourceFieldTests
{
    private static bool Allows(string source, Req request, MeshAuthzSettings? mesh = null) =>
        Evaluate(Compile(Doc("x", $"rules: [{{from: [{{source: {source}}}]}}]"), mesh), request).MeshAllows;

    [Theory]
    [InlineData("{principals: [cluster.local/ns/echo1/sa/a]}", "spiffe://cluster.local/ns/echo1/sa/a", true)]
    [InlineData("{principals: [cluster.local/ns/echo1/sa/a]}", "spiffe://cluster.local/ns/echo1/sa/ab", false)]
    [InlineData("{principals: [cluster.local/ns/echo1/*]}", "spiffe://cluster.local/ns/echo1/sa/zz", true)]
    [InlineData("{principals: [\"*/sa/a\"]}", "spiffe://any.td/ns/echo9/sa/a", true)]
    [InlineData("{principals: [\"*\"]}", "spiffe://cluster.local/ns/echo1/sa/a", true)]
    [InlineData("{principals: [\"*\"]}", null, false)]
    [InlineData("{principals: [spiffe://cluster.local/ns/echo1/sa/a]}", "spiffe://cluster.local/ns/echo1/sa/a", false)]
    [InlineData("{notPrincipals: [\"*\"]}", null, true)]
    [InlineData("{notPrincipals: [\"*\"]}", "spiffe://cluster.local/ns/echo1/sa/a", false)]
    [InlineData("{notPrincipals: [cluster.local/ns/echo2/sa/a]}", "spiffe://cluster.local/ns/echo1/sa/a", true)]
    public void Principals(string source, string? principal, bool allowed) =>
        Assert.Equal(allowed, Allows(source, new Req(Principal: principal)));

    [Theory]
    [InlineData("{namespaces: [echo1]}", "spiffe://other.td/ns/echo1/sa/x", true)] // the trust domain is not looked at
    [InlineData("{namespaces: [echo1]}", "spiffe://cluster.local/ns/echo10/sa/x", false)]
    [InlineData("{namespaces: [\"echo*\"]}", "spiffe://cluster.local/ns/echo2/sa/x", true)]
    [InlineData("{namespaces: [\"*\"]}", null, false)]
    [InlineData("{notNamespaces: [echo1]}", "spiffe://cluster.local/ns/echo2/sa/x", true)]
    [InlineData("{notNamespaces: [echo1]}", null, true)]
    public void Namespaces(string source, string? principal, bool allowed) =>
        Assert.Equal(allowed, Allows(source, new Req(Principal: principal)));

    [Theory]
    [InlineData("{serviceAccounts: [a]}", "spiffe://cluster.local/ns/echo1/sa/a", true)] // bare: the policy's namespace
    [InlineData("{serviceAccounts: [a]}", "spiffe://cluster.local/ns/echo2/sa/a", false)]
    [InlineData("{serviceAccounts: [echo2/a]}", "spiffe://cluster.local/ns/echo2/sa/a", true)]
    [InlineData("{serviceAccounts: [echo1/a]}", "spiffe://cluster.local/ns/echo1/k/v/sa/a/x/y", true)]
    [InlineData("{serviceAccounts: [echo1/a]}", "spiffe://cluster.local/ns/echo1/sa/a-junk", false)]
    [InlineData("{notServiceAccounts: [echo1/a]}", "spiffe://cluster.local/ns/echo1/sa/b", true)]
    public void ServiceAccounts(string source, string? principal, bool allowed) =>
        Assert.Equal(allowed, Allows(source, new Req(Principal: principal)));

    [Theory]
    [InlineData("{trustDomains: [cluster.local]}", "spiffe://cluster.local/ns/echo1/sa/a", true)]
    [InlineData("{trustDomains: [cluster.local]}", "spiffe://cluster.localx/ns/echo1/sa/a", false)]
    [InlineData("{trustDomains: [\"*.example.com\"]}", "spiffe://prod.example.com/ns/e/sa/a", true)]
    [InlineData("{trustDomains: [\"*\"]}", "spiffe://x/ns/e/sa/a", true)]
    [InlineData("{notTrustDomains: [bad.example.com]}", "spiffe://cluster.local/ns/e/sa/a", true)]
    [InlineData("{notTrustDomains: [cluster.local]}", "spiffe://cluster.local/ns/e/sa/a", false)]
    public void TrustDomains(string source, string? principal, bool allowed) =>
        Assert.Equal(allowed, Allows(source, new Req(Principal: principal)));

    [Fact]
    public void TrustDomainAliases_PrincipalNamingAnyMemberMatchesAll()
    {
        var mesh = MeshAuthzSettings.Default with { TrustDomain = "td-new", TrustDomainAliases = ["td-old"] };

        Assert.True(Allows("{principals: [td-old/ns/echo1/sa/a]}", new Req(Principal: "spiffe://td-new/ns/echo1/sa/a"), mesh));
        Assert.True(Allows("{principals: [cluster.local/ns/echo1/sa/a]}", new Req(Principal: "spiffe://td-old/ns/echo1/sa/a"), mesh));
        Assert.False(Allows("{principals: [cluster.local/ns/echo1/sa/a]}", new Req(Principal: "spiffe://cluster.local/ns/echo1/sa/a"), mesh));
        Assert.True(Allows("{trustDomains: [td-old]}", new Req(Principal: "spiffe://td-new/ns/echo1/sa/a"), mesh));
    }

    [Theory]
    [InlineData("{ipBlocks: [10.1.0.0/16]}", "10.1.2.3", null, true)]
    [InlineData("{ipBlocks: [10.1.0.0/16]}", "10.2.0.1", null, false)]
    [InlineData("{ipBlocks: [203.0.113.0/24]}", "10.0.0.1", "203.0.113.7", false)] // the TCP peer, not XFF
    [InlineData("{remoteIpBlocks: [203.0.113.0/24]}", "10.0.0.1", "203.0.113.7", true)]
    [InlineData("{remoteIpBlocks: [10.0.0.1]}", "10.0.0.1", null, true)] // no XFF: the peer
    [InlineData("{notIpBlocks: [10.0.0.0/8]}", "192.168.0.1", null, true)]
    [InlineData("{ipBlocks: [\"fd00::/8\"]}", "fd00::5", null, true)]
    public void IpBlocks(string source, string sourceIp, string? remoteIp, bool allowed) =>
        Assert.Equal(allowed, Allows(source, new Req(SourceIp: sourceIp, RemoteIp: remoteIp)));

    [Fact]
    public void UnknownSourceIp_IsFlagged()
    {
        var verdict = Evaluate(Compile(Doc("x", "rules: [{from: [{source: {ipBlocks: [10.0.0.0/8]}}]}]")), new Req(SourceIp: null));

        Assert.Equal(VerdictKind.Denied, verdict.Kind);
        Assert.Equal(AuthzUnknowns.SourceIp, verdict.Unknowns);
    }

    [Fact]
    public void RequestPrincipals_ValidatedToken()
    {
        var claims = new RequestClaims("https://issuer.example/x", "sub-1", new Dictionary<string, object?>());

        Assert.True(Allows("{requestPrincipals: [https://issuer.example/x/sub-1]}", new Req(Claims: claims)));
        Assert.True(Allows("{requestPrincipals: [\"*\"]}", new Req(Claims: claims)));
        Assert.True(Allows("{requestPrincipals: [\"https://issuer.example/x/*\"]}", new Req(Claims: claims)));
        Assert.True(Allows("{requestPrincipals: [\"*/sub-1\"]}", new Req(Claims: claims)));
        Assert.False(Allows("{requestPrincipals: [https://issuer.example/x/sub-2]}", new Req(Claims: claims)));
    }

    [Fact]
    public void RequestPrincipals_NoToken_NegationHolds_UnvalidatedTokenIsFlagged()
    {
        Assert.False(Allows("{requestPrincipals: [\"*\"]}", new Req()));
        Assert.True(Allows("{notRequestPrincipals: [iss/sub]}", new Req()));

        // a mirror carries the Authorization header but nobody validated it: the verdict says it depended on that
        var verdict = Evaluate(Compile(Doc("x", "rules: [{from: [{source: {requestPrincipals: [\"*\"]}}]}]")), new Req(UnvalidatedToken: true));
        Assert.Equal(VerdictKind.Denied, verdict.Kind);
        Assert.Equal(AuthzUnknowns.RequestAuth, verdict.Unknowns);
    }

    [Fact]
    public void FieldsInOneSourceAreAnded_FromEntriesAreOred()
    {
        var anded = "{principals: [cluster.local/ns/echo1/sa/a], namespaces: [echo2]}";
        Assert.False(Allows(anded, new Req()));

        var set = Compile(Doc("x", "rules: [{from: [{source: {principals: [cluster.local/ns/echo1/sa/a]}}, {source: {namespaces: [echo2]}}]}]"));
        Assert.True(Evaluate(set, new Req(Principal: "spiffe://cluster.local/ns/echo2/sa/z")).MeshAllows);
    }

    [Fact]
    public void FieldAndItsNegation_AreAnded()
    {
        var source = "{namespaces: [\"echo*\"], notNamespaces: [echo2]}";

        Assert.True(Allows(source, new Req(Principal: "spiffe://cluster.local/ns/echo1/sa/a")));
        Assert.False(Allows(source, new Req(Principal: "spiffe://cluster.local/ns/echo2/sa/a")));
    }
}
