using System.Text.Json.Nodes;
using EastWestIds.Kubernetes.Objects;

namespace EastWestIds.Kubernetes.Mesh;

/// <summary>
/// Protocol selection as Istio does it for a Service port: <c>appProtocol</c> first, else the port name's prefix
/// before the first <c>-</c> (<c>grpc-api</c> → grpc). The protocol of the mirror's own port decides how a copy
/// travels to the sink (MESH-SEMANTICS.md §1.2): gRPC and other HTTP/2 services must mirror to an HTTP/2 port.
/// </summary>
public static class ServicePorts
{
    /// <summary>The sink's HTTP/1.1 mirror port (istio/deploy/service.yaml, <c>http-mirror</c>).</summary>
    public const int HttpMirrorPort = 8080;

    /// <summary>The sink's HTTP/2 (gRPC) mirror port (<c>grpc-mirror</c>).</summary>
    public const int GrpcMirrorPort = 8081;

    private static readonly string[] Http2Protocols = ["grpc", "http2", "h2c", "kubernetes.io/h2c"];

    /// <summary>Whether the Service port speaks HTTP/2 (grpc, http2, h2c by appProtocol or name).</summary>
    public static bool IsHttp2(JsonNode? port)
    {
        var protocol = KubeJson.Text(port, "appProtocol");
        if (string.IsNullOrEmpty(protocol))
        {
            var name = KubeJson.Text(port, "name") ?? string.Empty;
            var dash = name.IndexOf('-');
            protocol = dash >= 0 ? name[..dash] : name;
        }

        return Http2Protocols.Contains(protocol.ToLowerInvariant());
    }

    /// <summary>The Service's ports (<c>spec.ports</c>).</summary>
    public static IEnumerable<JsonObject> All(JsonObject? service) => KubeJson.Items(service, "spec", "ports").OfType<JsonObject>();

    /// <summary>The Service port with this number, or null.</summary>
    public static JsonObject? Find(JsonObject? service, int number) =>
        All(service).FirstOrDefault(p => KubeJson.Number(p, "port") == number);

    /// <summary>
    /// The sink port for copies of a route to <paramref name="service"/>: the gRPC port when the route's destination
    /// port (or, without one, any port of the Service) is HTTP/2, else the HTTP port. An HTTP/1.1 request can travel
    /// to an HTTP/2 port intact; a gRPC call cannot travel as HTTP/1.1.
    /// </summary>
    public static int MirrorPortFor(JsonObject? service, int? destinationPort)
    {
        var ports = destinationPort is { } number && Find(service, number) is { } exact ? [exact] : All(service);
        return ports.Any(IsHttp2) ? GrpcMirrorPort : HttpMirrorPort;
    }
}
