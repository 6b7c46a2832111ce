namespace EastWestIds.Inventory.Model;

/// <summary>One port of a Service.</summary>
/// <param name="Name">The port name (required by Kubernetes only when there are several), or null.</param>
/// <param name="Port">The Service port: what callers put in the Host (<c>reviews:9080</c>).</param>
/// <param name="TargetPort">Where the pods listen; defaults to <paramref name="Port"/> when the object omits it.</param>
/// <param name="Protocol">TCP, UDP or SCTP.</param>
/// <param name="AppProtocol">The <c>appProtocol</c> (Istio reads <c>http</c>, <c>http2</c>, <c>grpc</c>…), or null.</param>
public sealed record ServicePortInfo(string? Name, int Port, TargetPort TargetPort, string Protocol = "TCP", string? AppProtocol = null);
