using System.Text;
using EastWestIds.Inventory.Model;
using EastWestIds.Inventory.Snapshot;
using EastWestIds.Inventory.Yaml;
using EastWestIds.Policy.Compilation;
using EastWestIds.Policy.CrossChecks;
using EastWestIds.Policy.Evaluation;
using EastWestIds.Policy.Mesh;
using EastWestIds.TestCommon;
using static EastWestIds.Policy.Tests.PolicyTestKit;

namespace EastWestIds.Policy.Tests.Scenarios;

/// <summary>
/// Bookinfo as `kubectl get -o yaml` would print it (Scenarios/bookinfo.yaml) and mirrored requests judged end to end:
/// Host → Service → workloads → target port → policies, plus the caller cross-check.
/// </summary>
public class BookinfoScenarioTests
{
    private const string ProductPage = "spiffe://cluster.local/ns/bookinfo/sa/productpage";
    private const string Reviews = "spiffe://cluster.local/ns/bookinfo/sa/reviews";
    private const string Tester = "spiffe://cluster.local/ns/other/sa/tester";

    private static readonly (InventorySnapshot Inventory, MeshJudge Judge, CompiledPolicySet Policies) s_mesh = Load();

    [Fact]
    public void Inventory_ReadsTheScenario()
    {
        var inventory = s_mesh.Inventory;

        Assert.Equal(5, inventory.Services.Length);
        Assert.Equal(4, inventory.AuthorizationPolicies.Length);
        Assert.Empty(s_mesh.Policies.Diagnostics);
    }

    [Fact]
    public void DeniedCall_IsStillMirrored_AndReportedAsDenied()
    {
        var judgement = Judge(new Req(Principal: ProductPage, Host: "ratings:9080", Path: "/ratings/0"), "bookinfo");

        Assert.Equal(JudgementStatus.Judged, judgement.Status);
        Assert.Equal((VerdictKind.Denied, VerdictReason.NoAllowRuleMatched), (judgement.Verdict.Verdict.Kind, judgement.Verdict.Verdict.Reason));
        Assert.Equal("bookinfo/ratings-viewer", judgement.Verdict.Verdict.Rule.ToString());
    }

    [Fact]
    public void AllowedCall_NamesPolicyAndRule()
    {
        var judgement = Judge(new Req(Principal: Reviews, Host: "ratings.bookinfo.svc.cluster.local:9080", Path: "/ratings/0"), "bookinfo");

        Assert.Equal(VerdictKind.Allowed, judgement.Verdict.Verdict.Kind);
        Assert.Equal("bookinfo/ratings-viewer rule 0", judgement.Verdict.Verdict.Rule.ToString());
    }

    [Fact]
    public void DryRunPolicy_GivesWouldDeny()
    {
        var judgement = Judge(new Req(Principal: Tester, Host: "details.bookinfo:9080", Path: "/details/1"), "other");

        Assert.Equal(VerdictKind.WouldDeny, judgement.Verdict.Verdict.Kind);
        Assert.Equal("bookinfo/details-trial rule 0", judgement.Verdict.Verdict.Rule.ToString());
        // the mesh-wide DENY applies too, so details is not unprotected: allowed because no DENY matched and no ALLOW exists
        var allowed = Judge(new Req(Principal: ProductPage, Host: "details:9080"), "bookinfo").Verdict.Verdict;
        Assert.Equal((VerdictKind.Allowed, VerdictReason.NoAllowPolicy), (allowed.Kind, allowed.Reason));
    }

    [Fact]
    public void ShortHost_ResolvesInTheCallersNamespace()
    {
        var local = Judge(new Req(Principal: Tester, Host: "reviews:9080"), "other");
        var qualified = Judge(new Req(Principal: Tester, Host: "reviews.bookinfo:9080"), "other");

        Assert.Equal(("other", VerdictReason.NoAllowPolicy), (local.Service!.Namespace, local.Verdict.Verdict.Reason));
        Assert.Equal(("bookinfo", VerdictKind.Denied), (qualified.Service!.Namespace, qualified.Verdict.Verdict.Kind));
    }

    [Fact]
    public void NamedTargetPort_DiffersPerWorkload_AndTheyDisagree()
    {
        var judgement = Judge(new Req(Principal: ProductPage, Host: "reviews:9080", Path: "/reviews/0"), "bookinfo");

        // reviews-v1 listens on 9080 (allowed), reviews-v2 names "http" 9090 (no ALLOW rule for it)
        Assert.True(judgement.Verdict.Disagreement);
        Assert.Equal((VerdictKind.Denied, "bookinfo/Deployment/reviews-v2"), (judgement.Verdict.Verdict.Kind, judgement.Verdict.Workload!.ToString()));
        Assert.Equal((VerdictKind.Allowed, "bookinfo/Deployment/reviews-v1"), (judgement.Verdict.Other.Kind, judgement.Verdict.OtherWorkload!.ToString()));
    }

    [Fact]
    public void MeshWideDeny_AppliesEverywhere()
    {
        var judgement = Judge(new Req(Principal: Reviews, Host: "ratings:9080", Path: "/debug/vars"), "bookinfo");

        Assert.Equal("istio-system/deny-debug rule 0", judgement.Verdict.Verdict.Rule.ToString());
    }

    [Fact]
    public void UnknownHostsAndPorts_AreNotJudged()
    {
        Assert.Equal(JudgementStatus.UnknownService, Judge(new Req(Host: "api.example.com"), "bookinfo").Status);
        Assert.Equal(JudgementStatus.UnknownService, Judge(new Req(Host: "10.0.0.1:80"), "bookinfo").Status);
        Assert.Equal(JudgementStatus.UnknownPort, Judge(new Req(Host: "ratings:9999"), "bookinfo").Status);
    }

    [Fact]
    public void SpoofedCallerIp_IsAnIdentityMismatch()
    {
        // productpage's sidecar mirrored the call, but the app claims the ratings pod's address in X-Forwarded-For
        Assert.True(IpKey.TryParse("10.244.0.11", out var peer));
        var claimed = CallerAddress.Select("10.244.0.12"u8, peer, out bool fromHeader);

        var check = CallerIdentityChecker.Check(s_mesh.Inventory, Encoding.ASCII.GetBytes(ProductPage), claimed);

        Assert.True(fromHeader);
        Assert.Equal(CallerCheckOutcome.IdentityMismatch, check.Outcome);
        Assert.Equal("ratings-v1-7c4b-fghij", check.Pod!.Name);
        Assert.Equal(CallerCheckOutcome.Consistent, CallerIdentityChecker.Check(s_mesh.Inventory, Encoding.ASCII.GetBytes(ProductPage), peer).Outcome);
    }

    [Fact]
    public void Judge_AllocatesNothing()
    {
        var request = new Req(Principal: ProductPage, Host: "reviews:9080", Path: "/reviews/0").Build();
        int disagreements = 0;
        for (int i = 0; i < 100; i++)
        {
            disagreements += s_mesh.Judge.Judge(request, "bookinfo").Verdict.Disagreement ? 1 : 0;
        }

        long allocated = SteadyAllocation.LeastBytes(request, request =>
        {
            disagreements = 0;
            for (int i = 0; i < 1000; i++)
            {
                disagreements += s_mesh.Judge.Judge(request, "bookinfo").Verdict.Disagreement ? 1 : 0;
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(1000, disagreements);
    }

    private static MeshJudgement Judge(Req request, string callerNamespace) => s_mesh.Judge.Judge(request.Build(), callerNamespace);

    /// <summary>Scenarios/bookinfo.yaml, plus <paramref name="extraFiles"/> from the same folder, read and compiled.</summary>
    internal static (InventorySnapshot Inventory, MeshJudge Judge, CompiledPolicySet Policies) Load(params string[] extraFiles)
    {
        var builder = new InventoryBuilder();
        var paths = extraFiles.Prepend("bookinfo.yaml").Select(f => Path.Combine(AppContext.BaseDirectory, "Scenarios", f)).ToArray();
        var read = new KubernetesYamlReader().Read(paths, builder);
        Assert.True(read.Succeeded, string.Join("; ", read.Errors));
        Assert.Equal(1, read.SkippedKinds["v1/ConfigMap"]);
        var inventory = builder.Build();
        var policies = new PolicyCompiler(MeshAuthzSettings.Default).Compile(inventory.AuthorizationPolicies);
        return (inventory, new MeshJudge(inventory, policies), policies);
    }
}
