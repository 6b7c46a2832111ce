namespace EastWestIds.Inventory.Model;

/// <summary>A namespaced Kubernetes object name; <see cref="Namespace"/> is empty for cluster-scoped kinds.</summary>
/// <param name="Namespace">The namespace.</param>
/// <param name="Name">The name.</param>
public readonly record struct ObjectKey(string Namespace, string Name)
{
    /// <inheritdoc />
    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}
