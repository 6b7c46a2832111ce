using EastWestIds.Policy.Evaluation;
using EastWestIds.Policy.Requests;
using static EastWestIds.Policy.Tests.PolicyTestKit;

namespace EastWestIds.Policy.Tests.Evaluation;

/// <summary><c>when</c> keys, including what a mirror cannot know (MESH-SEMANTICS §3.5, §3.10).</summary>
public class ConditionTests
{
    private static AuthzVerdict Run(string key, string values, Req request) =>
        Evaluate(Compile(Doc("x", $"rules:\n- when:\n  - key: \"{key}\"\n    {values}")), request);

    [Theory]
    [InlineData("values: [\"a,b\"]", true)]    // duplicates joined with ',' and no space
    [InlineData("values: [a]", false)]
    [InlineData("values: [\"a*\"]", true)]
    [InlineData("values: [\"*,b\"]", true)]
    [InlineData("notValues: [\"a,b\"]", false)]
    public void RequestHeaders_DuplicatesJoined(string values, bool allowed)
    {
        var request = new Req(Headers: [("X-Foo", "a"), ("x-foo", "b")]);

        Assert.Equal(allowed, Run("request.headers[X-Foo]", values, request).MeshAllows);
    }

    [Fact]
    public void RequestHeaders_PresenceAndAbsence()
    {
        Assert.True(Run("request.headers[x-empty]", "values: [\"*\"]", new Req(Headers: [("x-empty", "")])).MeshAllows);
        Assert.False(Run("request.headers[x-foo]", "values: [\"*\"]", new Req()).MeshAllows);
        Assert.True(Run("request.headers[x-foo]", "notValues: [bar]", new Req()).MeshAllows); // absent satisfies notValues
    }

    [Fact]
    public void RequestHeaders_PseudoHeaders_ReadTheRequest()
    {
        Assert.True(Run("request.headers[:method]", "values: [GET]", new Req()).MeshAllows);
        Assert.True(Run("request.headers[:authority]", "values: [\"b:*\"]", new Req()).MeshAllows);
        Assert.True(Run("request.headers[:path]", "values: [\"*?x=1\"]", new Req(Path: "/p?x=1")).MeshAllows);
        Assert.False(Run("request.headers[host]", "values: [\"*\"]", new Req()).MeshAllows); // Envoy keeps Host as :authority
    }

    [Theory]
    [InlineData("source.ip", "values: [10.1.0.0/16]", true)]
    [InlineData("source.ip", "notValues: [10.1.0.10]", false)]
    [InlineData("remote.ip", "values: [203.0.113.7]", true)]
    [InlineData("source.namespace", "values: [echo1]", true)]
    [InlineData("source.principal", "values: [cluster.local/ns/echo1/sa/a]", true)]
    [InlineData("source.serviceAccount", "values: [a]", true)]
    [InlineData("source.trustDomain", "notValues: [cluster.local]", false)]
    [InlineData("destination.port", "values: [\"8080\"]", true)]
    [InlineData("destination.port", "notValues: [\"8080\"]", false)]
    public void SourceAndDestinationKeys(string key, string values, bool allowed)
    {
        var request = new Req(RemoteIp: "203.0.113.7");

        var verdict = Run(key, values, request);

        Assert.Equal(allowed, verdict.MeshAllows);
        Assert.Equal(AuthzUnknowns.None, verdict.Unknowns);
    }

    [Fact]
    public void DestinationIpAndSni_Known_AreJudged_Unknown_AreFlagged()
    {
        Assert.True(Run("destination.ip", "values: [10.1.0.20]", new Req(DestinationIp: "10.1.0.20")).MeshAllows);
        Assert.True(Run("connection.sni", "values: [\"*.b.echo1.svc.cluster.local\"]", new Req(Sni: "outbound_.80_._.b.echo1.svc.cluster.local")).MeshAllows);

        var ip = Run("destination.ip", "values: [10.1.0.20]", new Req());
        var sni = Run("connection.sni", "notValues: [never]", new Req());

        Assert.Equal((false, AuthzUnknowns.DestinationIp), (ip.MeshAllows, ip.Unknowns));
        Assert.Equal((true, AuthzUnknowns.ConnectionSni), (sni.MeshAllows, sni.Unknowns));
    }

    [Fact]
    public void Claims_NestedListsAndSpaceDelimited()
    {
        var payload = new Dictionary<string, object?>
        {
            ["groups"] = new List<object?> { "group-1", "group-2" },
            ["scope"] = "write read",
            ["custom_scope"] = "admin user",
            ["aud"] = "foo",
            ["nested"] = new Dictionary<string, object?> { ["key1"] = new List<object?> { "valueA" } },
        };
        var claims = new RequestClaims("iss", "sub", payload, ["custom_scope"]);

        Assert.True(Run("request.auth.claims[groups]", "values: [group-2]", new Req(Claims: claims)).MeshAllows);
        Assert.True(Run("request.auth.claims[scope]", "values: [read]", new Req(Claims: claims)).MeshAllows);
        Assert.True(Run("request.auth.claims[custom_scope]", "values: [user]", new Req(Claims: claims)).MeshAllows);
        Assert.True(Run("request.auth.claims[nested][key1]", "values: [valueA]", new Req(Claims: claims)).MeshAllows);
        Assert.False(Run("request.auth.claims[nested][missing]", "values: [valueA]", new Req(Claims: claims)).MeshAllows);
        Assert.True(Run("request.auth.audiences", "values: [foo]", new Req(Claims: claims)).MeshAllows);
        Assert.True(Run("request.auth.principal", "values: [iss/sub]", new Req(Claims: claims)).MeshAllows);
    }

    [Fact]
    public void Claims_UnvalidatedToken_IsFlagged()
    {
        var verdict = Run("request.auth.claims[groups]", "values: [admin]", new Req(UnvalidatedToken: true));

        Assert.Equal((VerdictKind.Denied, AuthzUnknowns.RequestAuth), (verdict.Kind, verdict.Unknowns));
    }

    [Theory]
    [InlineData("destination.labels[app]")]
    [InlineData("request.unknown")]
    [InlineData("request.headers[]")]
    public void UnknownKey_SkipsTheRule_WithAnError(string key)
    {
        var set = Compile(Doc("x", $"action: DENY\nrules:\n- when:\n  - key: \"{key}\"\n    values: [x]"));

        Assert.Contains(set.Diagnostics, d => d.RuleIndex == 0 && d.Severity == EastWestIds.Policy.Compilation.PolicyDiagnosticSeverity.Error);
        Assert.Equal(VerdictKind.Allowed, Evaluate(set, new Req()).Kind); // a DENY with no usable rule denies nothing
    }

    [Fact]
    public void ExperimentalMetadata_IsUnknown()
    {
        var verdict = Run("experimental.envoy.filters.network.mysql_proxy[db.table]", "values: [\"[update]\"]", new Req());

        Assert.Equal(AuthzUnknowns.DynamicMetadata, verdict.Unknowns);
    }
}
