using EastWestIds.Policy.Evaluation;
using static EastWestIds.Policy.Tests.PolicyTestKit;

namespace EastWestIds.Policy.Tests.Evaluation;

/// <summary>
/// <c>paths</c> compared ignoring ASCII case: how Express (by default), ASP.NET Core and IIS read a path, which the
/// sidecar never does. The policy stage judges a second time this way to find a path whose case hides a denied one.
/// </summary>
public class PathCaseTests
{
    private static VerdictKind Judge(string operation, string action, string path, bool ignoreCase)
    {
        var set = Compile(Doc("x", $"action: {action}\nrules: [{{to: [{{operation: {operation}}}]}}]"));
        var request = new Req(Path: path).Build();
        request.PathIgnoresCase = ignoreCase;
        return set.ForWorkload("echo1", Labels("app=b")).Evaluate(request).Kind;
    }

    [Theory]
    [InlineData("{paths: [\"/admin*\"]}", "DENY", "/ADMIN/keys", VerdictKind.Allowed, VerdictKind.Denied)]
    [InlineData("{paths: [/admin]}", "DENY", "/Admin?x=1", VerdictKind.Allowed, VerdictKind.Denied)]
    [InlineData("{paths: [\"*.json\"]}", "DENY", "/secrets.JSON", VerdictKind.Allowed, VerdictKind.Denied)]
    [InlineData("{paths: [\"/admin/{**}\"]}", "DENY", "/ADMIN/x/y", VerdictKind.Allowed, VerdictKind.Denied)]
    [InlineData("{paths: [\"/Api/{*}/Keys\"]}", "DENY", "/api/7/keys", VerdictKind.Allowed, VerdictKind.Denied)]
    [InlineData("{notPaths: [\"/admin*\"]}", "ALLOW", "/ADMIN", VerdictKind.Allowed, VerdictKind.Denied)] // a negative match widens too
    [InlineData("{paths: [\"/public*\"]}", "ALLOW", "/Public/x", VerdictKind.Denied, VerdictKind.Allowed)]
    [InlineData("{paths: [\"/admin*\"]}", "DENY", "/reviews/0", VerdictKind.Allowed, VerdictKind.Allowed)]
    public void PathsIgnoringCase_MatchWhatACaseInsensitiveServerRoutes(string operation, string action, string path, VerdictKind asSent, VerdictKind ignoringCase)
    {
        Assert.Equal(asSent, Judge(operation, action, path, ignoreCase: false));
        Assert.Equal(ignoringCase, Judge(operation, action, path, ignoreCase: true));
    }

    [Theory]
    [InlineData("{paths: [\"/admin*\"]}", false)]
    [InlineData("{paths: [\"/Admin*\"]}", true)]
    [InlineData("{notPaths: [\"/v1/Keys\"]}", true)]
    [InlineData("{methods: [GET]}", false)] // only paths count
    public void PathPatternsHaveUpperCase_SaysWhetherAnyPathValueHasACapital(string operation, bool upper)
        => Assert.Equal(upper, Compile(Doc("x", $"rules: [{{to: [{{operation: {operation}}}]}}]")).PathPatternsHaveUpperCase);

    [Fact]
    public void TheQueryIsStillIgnored()
    {
        var set = Compile(Doc("x", "action: DENY\nrules: [{to: [{operation: {paths: [/admin]}}]}]"));
        var request = new Req(Path: "/x?to=/ADMIN").Build();
        request.PathIgnoresCase = true;
        Assert.Equal(VerdictKind.Allowed, set.ForWorkload("echo1", Labels("app=b")).Evaluate(request).Kind);
    }
}
