namespace EastWestIds.Inventory.Model;

/// <summary>A container port of a pod (or pod template).</summary>
/// <param name="Name">The port name, which a Service's named <c>targetPort</c> refers to, or null.</param>
/// <param name="Port">The <c>containerPort</c>.</param>
/// <param name="Protocol">TCP, UDP or SCTP.</param>
public sealed record ContainerPortInfo(string? Name, int Port, string Protocol = "TCP");
