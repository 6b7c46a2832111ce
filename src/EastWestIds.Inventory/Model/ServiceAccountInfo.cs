namespace EastWestIds.Inventory.Model;

/// <summary>A Kubernetes ServiceAccount: with the namespace, what an Istio workload identity names.</summary>
/// <param name="Namespace">The namespace.</param>
/// <param name="Name">The service account name.</param>
public sealed record ServiceAccountInfo(string Namespace, string Name);
