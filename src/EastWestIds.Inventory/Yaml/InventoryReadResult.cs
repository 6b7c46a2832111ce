using System.Collections.Immutable;

namespace EastWestIds.Inventory.Yaml;

/// <summary>What a read of Kubernetes YAML produced besides the objects it added to the builder.</summary>
/// <param name="FilesRead">Files read.</param>
/// <param name="ObjectsRead">Objects of known kinds added.</param>
/// <param name="SkippedKinds">Objects of kinds the inventory does not keep, counted by <c>apiVersion/kind</c>.</param>
/// <param name="Errors">Every error, in file and document order (reading never stops at the first).</param>
public sealed record InventoryReadResult(
    int FilesRead,
    int ObjectsRead,
    ImmutableSortedDictionary<string, int> SkippedKinds,
    ImmutableArray<InventoryReadError> Errors)
{
    /// <summary>True when nothing failed.</summary>
    public bool Succeeded => Errors.IsEmpty;

    /// <summary>Total objects skipped for their kind.</summary>
    public int SkippedCount => SkippedKinds.Values.Sum();
}
