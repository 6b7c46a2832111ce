using EastWestIds.Inventory.Snapshot;
using EastWestIds.Policy.Compilation;
using EastWestIds.Policy.Evaluation;
using EastWestIds.Policy.Mesh;

namespace EastWestIds.Engine.Authorization;

/// <summary>
/// One immutable view of the mesh for the policy stage: the inventory, the AuthorizationPolicies compiled from it and
/// the judge over both. A new view replaces the old one whole (<see cref="PolicySnapshotSource"/>), so a request is
/// always judged against one consistent set of objects.
/// </summary>
public sealed class PolicySnapshot
{
    public PolicySnapshot(InventorySnapshot inventory, CompiledPolicySet policies, string clusterDomain)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(policies);
        Inventory = inventory;
        Policies = policies;
        Judge = new MeshJudge(inventory, policies, clusterDomain);
    }

    public InventorySnapshot Inventory { get; }

    public CompiledPolicySet Policies { get; }

    public MeshJudge Judge { get; }

    /// <summary>Compiles the inventory's AuthorizationPolicies for <paramref name="mesh"/>; the diagnostics are in <see cref="Policies"/>.</summary>
    public static PolicySnapshot Compile(InventorySnapshot inventory, MeshAuthzSettings mesh, string clusterDomain)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        return new PolicySnapshot(inventory, new PolicyCompiler(mesh).Compile(inventory.AuthorizationPolicies), clusterDomain);
    }
}
