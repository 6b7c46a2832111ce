using System.Text;
using EastWestIds.Inventory.Model;
using EastWestIds.Inventory.Snapshot;
using EastWestIds.Policy.Compilation;
using EastWestIds.Policy.CrossChecks;
using EastWestIds.Policy.Evaluation;
using static EastWestIds.Policy.Tests.PolicyTestKit;

namespace EastWestIds.Policy.Tests.Scenarios;

/// <summary>
/// The two outcomes the other bookinfo scenarios do not reach: a CUSTOM policy (the verdict is the external
/// authorizer's, which a passive observer cannot know) and a caller whose service account several workloads share
/// (reported as ambiguous, never guessed). Same mesh, plus Scenarios/bookinfo-extauthz.yaml.
/// </summary>
public class BookinfoExtAuthzScenarioTests
{
    private const string ProductPage = "spiffe://cluster.local/ns/bookinfo/sa/productpage";
    private const string Reviews = "spiffe://cluster.local/ns/bookinfo/sa/reviews";

    private static readonly (InventorySnapshot Inventory, MeshJudge Judge, CompiledPolicySet Policies) s_mesh = BookinfoScenarioTests.Load("bookinfo-extauthz.yaml");

    [Fact]
    public void CustomPolicy_LeavesTheDecisionToTheExternalAuthorizer()
    {
        Assert.Empty(s_mesh.Policies.Diagnostics);
        var admin = s_mesh.Judge.Judge(new Req(Principal: Reviews, Host: "productpage:9080", Path: "/admin/users").Build(), "bookinfo");

        Assert.Equal(JudgementStatus.Judged, admin.Status);
        Assert.Equal(VerdictKind.ExtAuthz, admin.Verdict.Verdict.Kind);
        Assert.Equal("bookinfo/productpage-admin-opa rule 0", admin.Verdict.Verdict.Rule.ToString());
    }

    [Fact]
    public void CustomPolicy_OutsideItsRules_DecidesNothing()
    {
        // the CUSTOM rule does not match /productpage; only the mesh-wide DENY applies and it does not match either
        var page = s_mesh.Judge.Judge(new Req(Principal: Reviews, Host: "productpage:9080", Path: "/productpage").Build(), "bookinfo");

        Assert.Equal((VerdictKind.Allowed, VerdictReason.NoAllowPolicy), (page.Verdict.Verdict.Kind, page.Verdict.Verdict.Reason));
    }

    [Fact]
    public void SharedServiceAccount_WithoutAnAddress_IsAmbiguous()
    {
        // reviews-v1 and reviews-v2 both run as bookinfo/reviews: without the caller's IP there is no telling which called
        var shared = CallerIdentityChecker.Check(s_mesh.Inventory, Encoding.ASCII.GetBytes(Reviews), IpKey.None);
        var single = CallerIdentityChecker.Check(s_mesh.Inventory, Encoding.ASCII.GetBytes(ProductPage), IpKey.None);

        Assert.Equal(CallerCheckOutcome.Ambiguous, shared.Outcome);
        Assert.NotEqual(CallerCheckOutcome.Ambiguous, single.Outcome);
    }
}
