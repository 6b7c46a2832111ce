using System.Text;
using System.Text.Json;
using EastWestIds.Engine.Authorization;
using EastWestIds.Engine.Findings;
using EastWestIds.Engine.Inspection;
using EastWestIds.Inventory.Snapshot;
using EastWestIds.Inventory.Yaml;
using EastWestIds.Policy.Evaluation;
using EastWestIds.Policy.Mesh;
using EastWestIds.TestCommon;

namespace EastWestIds.Engine.Tests.Inspection;

/// <summary>
/// The policy stage over the bookinfo scenario of the policy tests (a reviews-only ratings policy, a mesh-wide DENY of
/// /debug, a dry-run DENY on details, and reviews v1/v2 that listen on different target ports).
/// </summary>
public sealed class PolicyInspectorTests
{
    private const string ProductpagePodIp = "10.244.0.11";
    private const string RatingsPodIp = "10.244.0.12";

    private static PolicySnapshot Bookinfo(string rootNamespace = "istio-system")
    {
        var builder = new InventoryBuilder();
        var read = new KubernetesYamlReader().Read([RepositoryPaths.InRepository("tests", "EastWestIds.Policy.Tests", "Scenarios", "bookinfo.yaml")], builder);
        Assert.True(read.Succeeded, string.Join("; ", read.Errors));
        return PolicySnapshot.Compile(builder.Build(), MeshAuthzSettings.Default with { RootNamespace = rootNamespace }, "cluster.local");
    }

    private static PipelineHarness Harness(PolicySnapshotSource? source = null, int maxEdges = 1000)
        => new(new InspectionOptions { EmitHttpRecords = true, Policies = source ?? new PolicySnapshotSource(Bookinfo()), MaxPolicyEdges = maxEdges });

    private static string Request(string method, string host, string path, string ns, string sa, string? forwardedFor)
        => $"{method} {path} HTTP/1.1\r\nHost: {host}\r\n"
            + $"x-forwarded-client-cert: By=spiffe://cluster.local/ns/ewids-system/sa/ewids;Hash=e40c3a8e;Subject=\"\";URI=spiffe://cluster.local/ns/{ns}/sa/{sa}\r\n"
            + (forwardedFor is null ? string.Empty : $"x-forwarded-for: {forwardedFor}\r\n")
            + "\r\n";

    private static JsonElement Policy(JsonElement record) => record.GetProperty("mesh").GetProperty("policy");

    [Fact]
    public void Denied_NoAllowRuleMatched_AlertNamesThePolicy()
    {
        var harness = Harness();
        harness.Inspect(Request("GET", "ratings.bookinfo:9080", "/ratings/0", "bookinfo", "productpage", ProductpagePodIp));

        var alert = Assert.Single(harness.Output.Alerts(BuiltInSignatures.PolicyDenied.Sid));
        Assert.Contains("no ALLOW policy matched (bookinfo/ratings-viewer", alert.GetProperty("mesh").GetProperty("evidence").GetString());
        Assert.Equal("denied", Policy(alert).GetProperty("verdict").GetString());
        Assert.Equal("bookinfo/ratings-viewer", Policy(alert).GetProperty("policy").GetString());
        Assert.Equal("no-allow-rule-matched", Policy(alert).GetProperty("reason").GetString());
        Assert.Empty(harness.Output.Alerts(BuiltInSignatures.IdentityMismatch.Sid));
    }

    [Fact]
    public void Denied_ByMeshWideDenyRule_ShortHostResolvesInCallersNamespace()
    {
        var harness = Harness();
        harness.Inspect(Request("GET", "ratings:9080", "/debug/vars", "bookinfo", "reviews", null));

        var alert = Assert.Single(harness.Output.Alerts(BuiltInSignatures.PolicyDenied.Sid));
        Assert.StartsWith("denied: istio-system/deny-debug rule 0; destination bookinfo/ratings", alert.GetProperty("mesh").GetProperty("evidence").GetString());
        Assert.Equal(0, Policy(alert).GetProperty("rule").GetInt32());
    }

    [Fact]
    public void Allowed_NoAlert_VerdictInHttpRecord()
    {
        var harness = Harness();
        harness.Inspect(Request("GET", "ratings.bookinfo:9080", "/ratings/0", "bookinfo", "reviews", null));

        Assert.Empty(harness.Output.OfType("alert"));
        Assert.Equal(VerdictKind.Allowed, harness.Context.Policy.Verdict.Kind);
        var http = Assert.Single(harness.Output.OfType("http"));
        Assert.Equal("allowed", Policy(http).GetProperty("verdict").GetString());
        Assert.Equal("bookinfo/ratings-viewer", Policy(http).GetProperty("policy").GetString());
    }

    [Fact]
    public void WouldDeny_DryRunPolicy_LowSeverityAlertOfItsOwn()
    {
        var harness = Harness();
        harness.Inspect(Request("GET", "details.bookinfo:9080", "/details/0", "other", "tester", "10.244.1.5"));

        Assert.Empty(harness.Output.Alerts(BuiltInSignatures.PolicyDenied.Sid));
        var alert = Assert.Single(harness.Output.Alerts(BuiltInSignatures.PolicyWouldDeny.Sid));
        Assert.Contains("bookinfo/details-trial", alert.GetProperty("mesh").GetProperty("evidence").GetString());
        Assert.Equal("would-deny", Policy(alert).GetProperty("verdict").GetString());
        Assert.True(BuiltInSignatures.PolicyWouldDeny.Severity > BuiltInSignatures.PolicyDenied.Severity); // 3 (low) after 1 (high)
    }

    [Fact]
    public void Unprotected_NoAlert()
    {
        // With another root namespace the istio-system DENY no longer applies, and nothing protects productpage.
        var harness = Harness(new PolicySnapshotSource(Bookinfo(rootNamespace: "mesh-root")));
        harness.Inspect(Request("GET", "productpage.bookinfo:9080", "/", "bookinfo", "reviews", null));

        Assert.Empty(harness.Output.OfType("alert"));
        Assert.True(harness.Context.Policy.Judged);
        Assert.Equal(VerdictKind.Unprotected, harness.Context.Policy.Verdict.Kind);
    }

    [Fact]
    public void Denied_WorkloadsDisagree_SaidInDetail()
    {
        // reviews-v2 listens on 9090, so the policy's ports: ["9080"] allows v1 and denies v2.
        var harness = Harness();
        harness.Inspect(Request("GET", "reviews.bookinfo:9080", "/reviews/0", "bookinfo", "productpage", ProductpagePodIp));

        var alert = Assert.Single(harness.Output.Alerts(BuiltInSignatures.PolicyDenied.Sid));
        var evidence = alert.GetProperty("mesh").GetProperty("evidence").GetString();
        Assert.Contains("workload bookinfo/Deployment/reviews-v2", evidence);
        Assert.Contains("workloads disagree: bookinfo/Deployment/reviews-v1 says allowed", evidence);
    }

    [Fact]
    public void IdentityMismatch_CallerIpIsAnotherServiceAccountsPod()
    {
        var harness = Harness();
        harness.Inspect(Request("GET", "ratings.bookinfo:9080", "/ratings/0", "bookinfo", "reviews", RatingsPodIp));

        var alert = Assert.Single(harness.Output.Alerts(BuiltInSignatures.IdentityMismatch.Sid));
        var evidence = alert.GetProperty("mesh").GetProperty("evidence").GetString();
        Assert.Contains("from 10.244.0.12 (x-forwarded-for)", evidence);
        Assert.Contains("bookinfo/ratings-v1-7c4b-fghij running as service account ratings", evidence);
    }

    [Theory]
    [InlineData("bookinfo", "ghost", 9200013)]
    [InlineData("ghost-ns", "ghost", 9200014)]
    public void UnknownIdentity_Findings(string ns, string sa, int sid)
    {
        var harness = Harness();
        harness.Inspect(Request("GET", "ratings.bookinfo:9080", "/ratings/0", ns, sa, null));

        Assert.Single(harness.Output.Alerts(sid));
    }

    [Fact]
    public void NoPolicySource_NoVerdictNoPolicyAlerts()
    {
        var harness = new PipelineHarness(new InspectionOptions { EmitHttpRecords = true });
        harness.Inspect(Request("GET", "ratings.bookinfo:9080", "/ratings/0", "bookinfo", "productpage", RatingsPodIp));

        Assert.False(harness.Context.Policy.Judged);
        Assert.Empty(harness.Output.Alerts(BuiltInSignatures.PolicyDenied.Sid));
        Assert.Empty(harness.Output.Alerts(BuiltInSignatures.IdentityMismatch.Sid));
        Assert.False(harness.Output.OfType("http").Single().GetProperty("mesh").TryGetProperty("policy", out _));
    }

    [Fact]
    public void PublishedSnapshot_JudgesTheNextRequest()
    {
        var source = new PolicySnapshotSource(Bookinfo(rootNamespace: "mesh-root"));
        var harness = Harness(source);
        harness.Inspect(Request("GET", "productpage.bookinfo:9080", "/debug", "bookinfo", "reviews", null));
        Assert.Equal(VerdictKind.Unprotected, harness.Context.Policy.Verdict.Kind);

        source.Publish(Bookinfo());
        harness.Inspect(Request("GET", "productpage.bookinfo:9080", "/debug", "bookinfo", "reviews", null));
        Assert.Equal(VerdictKind.Denied, harness.Context.Policy.Verdict.Kind);
    }

    [Fact]
    public async Task VerdictMetric_PerEdge_CappedWithCountedOverflow()
    {
        var harness = Harness(maxEdges: 2);
        harness.Inspect(Request("GET", "ratings.bookinfo:9080", "/ratings/0", "bookinfo", "reviews", null));
        harness.Inspect(Request("GET", "ratings.bookinfo:9080", "/ratings/1", "bookinfo", "reviews", null));
        harness.Inspect(Request("GET", "ratings.bookinfo:9080", "/ratings/0", "bookinfo", "productpage", null));
        harness.Inspect(Request("GET", "details.bookinfo:9080", "/details/0", "bookinfo", "productpage", null)); // third edge
        harness.Inspect(Request("GET", "ratings.bookinfo:9080", "/ratings/0", "ghost-ns", "ghost", null)); // unbounded principal

        using var stream = new MemoryStream();
        await harness.Metrics.Registry.CollectAndExportAsTextAsync(stream);
        var text = Encoding.UTF8.GetString(stream.ToArray());
        string Series(string ns, string principal, string service, string serviceNs, string verdict) =>
            $"eastwestids_policy_verdicts_total{{source_workload_namespace=\"{ns}\",source_principal=\"{principal}\",destination_service=\"{service}\",destination_service_namespace=\"{serviceNs}\",verdict=\"{verdict}\"}}";

        Assert.Contains(Series("bookinfo", "spiffe://cluster.local/ns/bookinfo/sa/reviews", "ratings", "bookinfo", "allowed") + " 2", text);
        Assert.Contains(Series("bookinfo", "spiffe://cluster.local/ns/bookinfo/sa/productpage", "ratings", "bookinfo", "denied") + " 1", text);
        Assert.Contains(Series("other", "other", "other", "other", "allowed") + " 1", text);
        Assert.Contains(Series("other", "other", "other", "other", "denied") + " 1", text);
        Assert.DoesNotContain("ghost", text);
        Assert.DoesNotContain("destination_service=\"details\"", text);
    }
}
