using System.Text;
using EastWestIds.Engine.Findings;
using EastWestIds.Engine.Inspection;

namespace EastWestIds.Engine.Tests.Inspection;

public sealed class IdentityInspectorTests
{
    private static string Get(string host, string? xfcc = Raw.Xfcc, string target = "/") =>
        $"GET {target} HTTP/1.1\r\nHost: {host}\r\n" + (xfcc is null ? string.Empty : $"x-forwarded-client-cert: {xfcc}\r\n") + "\r\n";

    private static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    [Theory]
    [InlineData("reviews-shadow:9080", "reviews", "default", 9080, true)]
    [InlineData("reviews:9080", "reviews", "default", 9080, false)]
    [InlineData("reviews.prod", "reviews", "prod", 0, false)]
    [InlineData("reviews.prod.svc:8000", "reviews", "prod", 8000, false)]
    [InlineData("reviews.prod.svc.cluster.local-shadow", "reviews", "prod", 0, true)]
    [InlineData("Reviews.Prod.svc.cluster.local:9080", "Reviews", "Prod", 9080, false)]
    public void Callee_FromHost_ShortNamesResolveInCallersNamespace(string host, string service, string ns, int port, bool shadow)
    {
        var harness = new PipelineHarness();
        var request = harness.Inspect(Get(host));

        var callee = harness.Context.Callee;
        Assert.True(callee.IsKnown);
        Assert.Equal(service, Text(callee.Service(request)));
        Assert.Equal(ns, Text(callee.Namespace(request, harness.Context.Caller)));
        Assert.Equal(port, callee.Authority.Port);
        Assert.Equal(shadow, callee.Authority.ShadowSuffixRemoved);
    }

    [Fact]
    public void Callee_AbsoluteFormTarget_WinsOverHost()
    {
        var harness = new PipelineHarness();
        var request = harness.Inspect(Get("decoy:1", target: "http://user@ratings.prod:9080/r?x=1"));

        Assert.True(harness.Context.Callee.FromTarget);
        Assert.Equal("ratings", Text(harness.Context.Callee.Service(request)));
        Assert.Equal(9080, harness.Context.Callee.Authority.Port);
    }

    [Fact]
    public void Caller_IstioIdentity_Parsed()
    {
        var harness = new PipelineHarness();
        var request = harness.Inspect(Get("reviews:9080"));

        var caller = harness.Context.Caller;
        Assert.True(caller.IsKnown);
        Assert.Equal("spiffe://cluster.local/ns/default/sa/bookinfo-productpage", Text(caller.Principal(request)));
        Assert.Equal("default", Text(caller.Namespace(request)));
        Assert.Equal("bookinfo-productpage", Text(caller.ServiceAccount(request)));
        Assert.Empty(harness.Context.Findings);
    }

    [Fact]
    public void Caller_FromConfiguredTrustDomain_NoFinding()
    {
        var harness = new PipelineHarness(new InspectionOptions { TrustDomains = ["corp.example", "cluster.local"] });
        harness.Inspect(Get("reviews:9080", "By=spiffe://corp.example/ns/a/sa/b;URI=spiffe://corp.example/ns/x/sa/y"));

        Assert.Empty(harness.Context.Findings);
    }

    [Fact]
    public void Caller_LastElementIsTheCaller_EarlierOnesAreRelayedClaims()
    {
        var harness = new PipelineHarness();
        var request = harness.Inspect(Get("reviews:9080", "URI=spiffe://cluster.local/ns/kube-system/sa/admin," + Raw.Xfcc));

        Assert.Equal("spiffe://cluster.local/ns/default/sa/bookinfo-productpage", Text(harness.Context.Caller.Principal(request)));
        Assert.Contains(harness.Context.Findings, f => f.Signature == BuiltInSignatures.XfccSeveralElements);
    }

    [Fact]
    public void EscapedQuoteInSubject_IsNotAnIdentityProblem()
    {
        var harness = new PipelineHarness();
        harness.Inspect(Get("reviews:9080", "By=spiffe://cluster.local/ns/default/sa/default;Subject=\"CN=a \\\"b\\\"\";URI=spiffe://cluster.local/ns/a/sa/b"));

        Assert.True(harness.Context.Caller.IsKnown);
        Assert.Empty(harness.Context.Findings);
    }

    [Fact]
    public void OverlongSpiffeId_ParsesButIsFlagged()
    {
        var harness = new PipelineHarness();
        harness.Inspect(Get("reviews:9080", "URI=spiffe://cluster.local/ns/a/sa/" + new string('b', 2100)));

        Assert.Contains(harness.Context.Findings, f => f.Signature == BuiltInSignatures.CallerNotSpiffe && f.Detail!.StartsWith("TooLong", StringComparison.Ordinal));
    }

    [Fact]
    public void SeveralXfccFields_Finding()
    {
        var harness = new PipelineHarness();
        harness.Inspect($"GET / HTTP/1.1\r\nHost: a\r\nx-forwarded-client-cert: {Raw.Xfcc}\r\nX-Forwarded-Client-Cert: URI=spiffe://cluster.local/ns/a/sa/b\r\n\r\n");

        Assert.Contains(harness.Context.Findings, f => f.Signature == BuiltInSignatures.XfccSeveralHeaders);
    }

    [Fact]
    public void Rejected_RaisesTheProtocolFinding_WithRawEvidence()
    {
        var harness = new PipelineHarness();
        harness.Inspect("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd");

        var finding = Assert.Single(harness.Context.Findings);
        Assert.Equal(BuiltInSignatures.SmugglingConflictingCl, finding.Signature);
    }

    [Fact]
    public void Evidence_IsCapped()
    {
        var text = InspectionContext.EvidenceText(Encoding.ASCII.GetBytes(new string('a', 1000)), 100);

        Assert.Equal(101, text.Length);
        Assert.EndsWith("…", text);
    }

    [Fact]
    public void BuiltInSids_AreUniqueAndInTheirRanges()
    {
        var sids = BuiltInSignatures.All.Select(s => s.Sid).ToArray();
        Assert.Equal(sids.Length, sids.Distinct().Count());
        Assert.All(BuiltInSignatures.All, s => Assert.InRange(s.Sid, 9100000, 9399999));
    }
}
