using EastWestIds.Kubernetes.Mesh;
using EastWestIds.Kubernetes.Mirrors;
using EastWestIds.Kubernetes.Tests.Mirrors;

namespace EastWestIds.Kubernetes.Tests.Rbac;

/// <summary>
/// istio/optional/mirror-manager-rbac.yaml grants exactly what <c>ewids mirror</c> calls: every command path is run
/// against the test API server, every request it made must be allowed by a rule, and every rule must have allowed
/// one. A new call without a rule would fail in a cluster with 403; a rule without a call is privilege nobody needs.
/// </summary>
public sealed class MirrorRbacTests
{
    [Fact]
    public async Task RbacRules_AreExactlyTheCallsMirrorManagementMakes()
    {
        await using var scenario = await MirrorScenario.StartAsync();
        scenario.Store.Seed(TestObjects.ReviewsVirtualService());
        var manager = scenario.Manager();
        Expect.Outcome(MirrorOutcome.Changed, await manager.AddAsync(MirrorScenario.Reviews, 10, default)); // update
        Expect.Outcome(MirrorOutcome.Changed, await manager.RemoveAsync(MirrorScenario.Reviews, default)); // update
        scenario.Store.Seed(TestObjects.Service("ratings"));
        var ratings = new ServiceHost("ratings", "default");
        Expect.Outcome(MirrorOutcome.Changed, await manager.AddAsync(ratings, 10, default)); // create
        await manager.ListAsync(null, default);
        await manager.ListAsync("default", default);
        Expect.Outcome(MirrorOutcome.Changed, await manager.RemoveAsync(ratings, default)); // delete

        var used = scenario.Server.Requests.Select(RbacGrant.Needed).ToList();
        var granted = RbacGrant.Read("istio", "optional", "mirror-manager-rbac.yaml");

        RbacGrant.AssertExactly(granted, used, "istio/optional/mirror-manager-rbac.yaml against the calls ewids mirror makes");
        Assert.Contains(granted, g => g is { Resource: "deployments", Namespace: "istio-system" }); // the Istio version, read in istio-system only
    }
}
