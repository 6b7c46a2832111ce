using EastWestIds.Policy.Evaluation;
using static EastWestIds.Policy.Tests.PolicyTestKit;

namespace EastWestIds.Policy.Tests.Evaluation;

/// <summary>Every <c>operation</c> field and its negation (MESH-SEMANTICS §3.4).</summary>
public class OperationFieldTests
{
    private static bool Allows(string operation, Req request) =>
        Evaluate(Compile(Doc("x", $"rules: [{{to: [{{operation: {operation}}}]}}]")), request).MeshAllows;

    [Theory]
    [InlineData("{hosts: [b.echo1.svc.cluster.local]}", "B.Echo1.SVC.cluster.local", true)]
    [InlineData("{hosts: [b.echo1.svc.cluster.local]}", "b.echo1.svc.cluster.local:80", false)] // exact host, port included
    [InlineData("{hosts: [\"b.echo1.svc.cluster.local:*\"]}", "b.echo1.svc.cluster.local:80", true)]
    [InlineData("{hosts: [\"*.b.com\"]}", "DENY.SUFFIX.b.COM", true)]
    [InlineData("{hosts: [\"prefix.b.*\"]}", "Prefix.b.Com", true)]
    [InlineData("{hosts: [\"*\"]}", "anything", true)]
    [InlineData("{notHosts: [deny.b.com]}", "DENY.b.com", false)]
    public void Hosts(string operation, string host, bool allowed) => Assert.Equal(allowed, Allows(operation, new Req(Host: host)));

    [Theory]
    [InlineData("{methods: [GET]}", "GET", true)]
    [InlineData("{methods: [get]}", "GET", false)] // case-sensitive
    [InlineData("{methods: [\"*\"]}", "PATCH", true)]
    [InlineData("{notMethods: [PUT]}", "PUT", false)]
    [InlineData("{notMethods: [PUT]}", "GET", true)]
    public void Methods(string operation, string method, bool allowed) => Assert.Equal(allowed, Allows(operation, new Req(Method: method)));

    [Theory]
    [InlineData("{paths: [/allow]}", "/allow?param=value", true)] // the query is not part of the path
    [InlineData("{paths: [/allow]}", "/allow#frag", true)]
    [InlineData("{paths: [/allow]}", "/allow/", false)]
    [InlineData("{paths: [\"/public*\"]}", "/public/x", true)]
    [InlineData("{paths: [\"*/suffix\"]}", "/a/b/suffix?x=1", true)]
    [InlineData("{paths: [\"*\"]}", "/", true)]
    [InlineData("{paths: [\"/a*b\"]}", "/a*b", true)] // a star inside is literal
    [InlineData("{paths: [\"/a*b\"]}", "/axxb", false)]
    [InlineData("{paths: [\"/global-deny*\"], notPaths: [/global-deny/allow]}", "/global-deny/allow", false)]
    [InlineData("{paths: [\"/allow/admin/{**}\"]}", "/allow/admin/", true)]
    [InlineData("{paths: [\"/allow/admin/{**}\"]}", "/allow/admin", false)]
    [InlineData("{paths: [\"/allow/admin/{**}\"]}", "/allow/admin/x/y.txt", true)]
    [InlineData("{paths: [\"/foo/{*}/bar/{**}\"]}", "/foo/buzz/bar/bat.txt", true)]
    [InlineData("{paths: [\"/foo/{*}/bar/{**}\"]}", "/foo/bar/bat.txt", false)]
    [InlineData("{paths: [\"/foo/{*}/bar/{**}\"]}", "/foo//bar/x", false)] // {*} is one non-empty segment
    [InlineData("{paths: [\"/store/{**}/cart\"]}", "/store//cart", true)]
    [InlineData("{paths: [\"/store/{**}/cart\"]}", "/store/cart", false)]
    [InlineData("{paths: [\"/v/{*}\"]}", "/v/a=b", false)] // '=' is outside the segment characters
    public void Paths(string operation, string path, bool allowed) => Assert.Equal(allowed, Allows(operation, new Req(Path: path)));

    [Theory]
    [InlineData("{ports: [\"8080\"]}", 8080, true)]
    [InlineData("{ports: [\"80\"]}", 8080, false)] // the Service port is not what the sidecar sees
    [InlineData("{notPorts: [\"18085\"]}", 18085, false)]
    [InlineData("{notPorts: [\"18085\"]}", 18080, true)]
    public void Ports(string operation, int port, bool allowed) => Assert.Equal(allowed, Allows(operation, new Req(Port: port)));

    [Fact]
    public void ToEntriesAreOred_FieldsAnded()
    {
        var set = Compile(Doc("x", "rules: [{to: [{operation: {methods: [GET], paths: [/a]}}, {operation: {methods: [POST]}}]}]"));

        Assert.True(Evaluate(set, new Req(Method: "POST", Path: "/z")).MeshAllows);
        Assert.True(Evaluate(set, new Req(Path: "/a")).MeshAllows);
        Assert.False(Evaluate(set, new Req(Path: "/z")).MeshAllows);
    }

    [Fact]
    public void InvalidTemplate_IsADiagnostic_AndNarrowsAllow()
    {
        var set = Compile(Doc("x", "rules: [{to: [{operation: {paths: [\"/a/{**}/b/{**}\"]}}]}, {to: [{operation: {paths: [/ok]}}]}]"));

        Assert.Contains(set.Diagnostics, d => d.RuleIndex == 0 && d.Message.Contains("last operator"));
        Assert.Equal(VerdictKind.Denied, Evaluate(set, new Req(Path: "/a/x/b/y")).Kind);
        Assert.Equal(VerdictKind.Allowed, Evaluate(set, new Req(Path: "/ok")).Kind);
    }
}
