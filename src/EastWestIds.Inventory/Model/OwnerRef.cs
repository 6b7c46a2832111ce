namespace EastWestIds.Inventory.Model;

/// <summary>The controlling owner of an object (<c>metadata.ownerReferences</c> with <c>controller: true</c>).</summary>
/// <param name="Kind">The owner's kind, e.g. <c>ReplicaSet</c>.</param>
/// <param name="Name">The owner's name.</param>
public sealed record OwnerRef(string Kind, string Name)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind}/{Name}";
}
