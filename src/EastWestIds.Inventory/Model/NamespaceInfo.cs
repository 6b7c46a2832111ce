namespace EastWestIds.Inventory.Model;

/// <summary>A Kubernetes Namespace.</summary>
/// <param name="Name">The namespace name.</param>
/// <param name="Labels">Its labels (e.g. <c>istio-injection</c>).</param>
public sealed record NamespaceInfo(string Name, LabelSet Labels);
