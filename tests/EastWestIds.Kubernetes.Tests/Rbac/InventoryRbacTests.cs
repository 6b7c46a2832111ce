using EastWestIds.Kubernetes.Inventory;
using EastWestIds.Kubernetes.Tests.Inventory;

namespace EastWestIds.Kubernetes.Tests.Rbac;

/// <summary>
/// The live inventory's RBAC is exactly what its informers use. The informers name their resources
/// (<see cref="LiveInventory.Resources"/>, <see cref="LiveInventory.Verbs"/>); a run against the test API server shows
/// that those are the calls really made; and the manifests must grant exactly those. A call without a grant fails in a
/// cluster with 403 and leaves the sink never ready; a grant without a call is privilege nobody needs.
/// </summary>
public sealed class InventoryRbacTests
{
    private const string Confined = "shop";

    /// <summary>Runs the inventory until every kind is watching and returns what it needed, and what it says it needs.</summary>
    private static async Task<(HashSet<RbacGrant> Used, HashSet<RbacGrant> Declared)> RunAsync(string? ns)
    {
        await using var cluster = await LiveCluster.StartAsync(LiveCluster.FastOptions(ns));
        await cluster.AllWatchingAsync();
        Assert.All(cluster.Server.Requests, r => Assert.Equal(200, r.Status));
        var used = cluster.Server.Requests.Select(RbacGrant.Needed).ToHashSet();
        var declared = (
            from resource in cluster.Inventory.Resources
            from verb in LiveInventory.Verbs
            select ns is null
                ? new RbacGrant(resource.Group, resource.Resource, verb, null, null)
                : resource.Namespaced
                    ? new RbacGrant(resource.Group, resource.Resource, verb, ns, null)
                    : new RbacGrant(resource.Group, resource.Resource, verb, null, ns)).ToHashSet();
        return (used, declared);
    }

    [Fact]
    public async Task Resources_AreTheSevenKinds_EachListedAndWatched()
    {
        var (used, declared) = await RunAsync(null);

        RbacGrant.AssertSame(declared, used, "LiveInventory.Resources × Verbs must be the calls the informers make");
        Assert.Equal(14, declared.Count);
    }

    [Fact]
    public async Task DeployRbac_GrantsExactlyWhatTheInformersUse()
    {
        var (used, declared) = await RunAsync(null);
        var granted = RbacGrant.Read("istio", "deploy", "rbac.yaml");

        RbacGrant.AssertSame(declared, granted, "istio/deploy/rbac.yaml must grant exactly the informers' resources and verbs, cluster-wide");
        RbacGrant.AssertExactly(granted, used, "istio/deploy/rbac.yaml against the calls made");
    }

    [Fact]
    public async Task NamespacedRbac_GrantsExactlyWhatTheInformersUseWithNamespace()
    {
        var (used, declared) = await RunAsync(Confined);
        var granted = RbacGrant.Read("istio", "optional", "namespaced-inventory-rbac.yaml");

        RbacGrant.AssertSame(declared, used, "with --namespace the informers read their namespace, and only their own Namespace object");
        RbacGrant.AssertSame(declared, granted, $"istio/optional/namespaced-inventory-rbac.yaml (namespace {Confined}) must grant exactly that");
        RbacGrant.AssertExactly(granted, used, "istio/optional/namespaced-inventory-rbac.yaml against the calls made");
    }

    [Fact]
    public async Task NamespacedRbac_IsEnough_WhenTheServerEnforcesIt()
    {
        // The API server refuses whatever the namespaced manifest does not grant; the inventory still becomes ready.
        var granted = RbacGrant.Read("istio", "optional", "namespaced-inventory-rbac.yaml");
        await using var cluster = await LiveCluster.StartAsync(
            LiveCluster.FastOptions(Confined),
            server => server.Deny = r => granted.Any(g => g.Allows(RbacGrant.Needed(r))) ? null : 403);

        await cluster.AllWatchingAsync();

        Assert.True(cluster.Inventory.IsReady);
        Assert.DoesNotContain(cluster.Server.Requests, r => r.Status == 403);
        Assert.Equal([Confined], cluster.Inventory.Current!.Namespaces.Select(n => n.Name));
        Assert.All(cluster.Inventory.Current.Pods, p => Assert.Equal(Confined, p.Namespace));
    }
}
