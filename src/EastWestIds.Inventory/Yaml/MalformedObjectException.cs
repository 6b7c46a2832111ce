namespace EastWestIds.Inventory.Yaml;

/// <summary>A known kind whose fields do not have the shape Kubernetes gives them; caught per object by the reader.</summary>
internal sealed class MalformedObjectException(string message) : Exception(message);
