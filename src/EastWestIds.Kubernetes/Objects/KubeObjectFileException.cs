namespace EastWestIds.Kubernetes.Objects;

/// <summary>An objects file that cannot be read or is not Kubernetes YAML; the message names file and line.</summary>
public sealed class KubeObjectFileException(string message) : Exception(message);
