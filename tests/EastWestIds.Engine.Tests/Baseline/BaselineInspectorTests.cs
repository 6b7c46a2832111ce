using EastWestIds.Engine.Findings;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Tests.Inspection;
using EastWestIds.Identity.Callee;
using EastWestIds.Policy.Baseline;

namespace EastWestIds.Engine.Tests.Baseline;

/// <summary>
/// The baseline stage through the real parser and pipeline: the edge's callee is the Service the caller meant,
/// however it spelled the Host (short name, FQDN, headless pod name, <c>-shadow</c>, port, case, trailing dot).
/// </summary>
public sealed class BaselineInspectorTests
{
    private const string Caller = "spiffe://cluster.local/ns/default/sa/bookinfo-productpage"; // Raw.Xfcc, namespace default

    private static string Get(string host, string target = "/ratings/1", string xfcc = Raw.Xfcc) =>
        $"GET {target} HTTP/1.1\r\nHost: {host}\r\nx-forwarded-client-cert: {xfcc}\r\n\r\n";

    private static (PipelineHarness Harness, BaselineLearner Learner) Learning()
    {
        var learner = new BaselineLearner(100, learning: true);
        return (new PipelineHarness(new InspectionOptions { Baseline = learner }), learner);
    }

    private static int NewEdges(PipelineHarness harness)
        => harness.Context.Findings.Count(f => f.Signature.Sid == BuiltInSignatures.NewEdge.Sid);

    [Theory]
    [InlineData("ratings:9080")]
    [InlineData("ratings-shadow:9080")]
    [InlineData("ratings.default")]
    [InlineData("ratings.default.svc.cluster.local:9080")]
    [InlineData("RATINGS.Default.svc.cluster.local.-shadow:9080")]
    [InlineData("ratings-0.ratings.default.svc.cluster.local")]
    public void LearnedAsShortName_OtherSpellingsAfterLearning_RaiseNoNewEdge(string laterHost)
    {
        var (harness, learner) = Learning();
        harness.Inspect(Get("ratings-shadow:9080"));
        learner.EndLearning();

        harness.Inspect(Get(laterHost, "/ratings/2"));

        Assert.Equal(0, NewEdges(harness));
        Assert.Equal(0, learner.NewEdgesReported);
        Assert.Equal("ratings.default", Assert.Single(learner.Snapshot()).Callee);
    }

    [Fact]
    public void AfterLearning_SameNameInAnotherNamespace_IsANewEdge_NamedByItsServiceKey()
    {
        var (harness, learner) = Learning();
        harness.Inspect(Get("ratings"));
        learner.EndLearning();

        harness.Inspect(Get("Ratings.Other.svc.cluster.local:9080"));

        var finding = Assert.Single(harness.Context.Findings, f => f.Signature.Sid == BuiltInSignatures.NewEdge.Sid);
        Assert.Equal($"new edge: {Caller} → ratings.other (host Ratings.Other.svc.cluster.local) GET /ratings/{{*}}", finding.Detail);
    }

    [Theory]
    [InlineData("ratings")]
    [InlineData("ratings.default.svc.cluster.local")]
    [InlineData("ratings-0.ratings.default.svc")]
    [InlineData("api.example.com")]
    [InlineData("Example.COM")]
    public void LearnedCallee_IsServiceKeyOfHost(string host)
    {
        var (harness, learner) = Learning();
        harness.Inspect(Get(host + "-shadow:443"));

        Assert.Equal(ServiceKey.Of(Caller, host), Assert.Single(learner.Snapshot()).Callee);
    }

    [Theory]
    [InlineData("10.0.0.12:9080")]
    [InlineData("[fd00::1]:9080")]
    public void IpLiteral_MakesNoEdge(string host)
    {
        var (harness, learner) = Learning();
        harness.Inspect(Get(host));

        Assert.Equal(0, learner.EdgeCount);
    }

    [Fact]
    public void ShortName_CallerWithoutIstioNamespace_MakesNoEdge()
    {
        var (harness, learner) = Learning();
        harness.Inspect(Get("ratings", xfcc: Raw.Xfcc.Replace("URI=spiffe://cluster.local/ns/default/sa/bookinfo-productpage", "URI=spiffe://cluster.local/workload/x", StringComparison.Ordinal)));
        harness.Inspect(Get("ratings.default", xfcc: Raw.Xfcc.Replace("URI=spiffe://cluster.local/ns/default/sa/bookinfo-productpage", "URI=spiffe://cluster.local/workload/x", StringComparison.Ordinal)));

        var edge = Assert.Single(learner.Snapshot());
        Assert.Equal(("spiffe://cluster.local/workload/x", "ratings.default"), (edge.Caller, edge.Callee));
    }
}
