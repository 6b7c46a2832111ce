using System.Text.Json.Nodes;
using EastWestIds.Kubernetes.Mesh;

namespace EastWestIds.Kubernetes.Mirrors;

/// <summary>Everything planning reads from the cluster (or from files), read once per attempt.</summary>
public sealed class MirrorClusterState
{
    /// <summary>The Service to mirror, or null when it does not exist.</summary>
    public JsonObject? TargetService { get; init; }

    /// <summary>The sink's Service, or null when it does not exist.</summary>
    public JsonObject? SinkService { get; init; }

    /// <summary>VirtualServices of every namespace that could be read.</summary>
    public IReadOnlyList<JsonObject> VirtualServices { get; init; } = [];

    /// <summary>PeerAuthentications of the sink's namespace and of the root namespace.</summary>
    public IReadOnlyList<JsonObject> PeerAuthentications { get; init; } = [];

    /// <summary>The control plane's version; null when unknown (then <c>mirrors</c> is not used).</summary>
    public IstioVersion? Istio { get; init; }

    /// <summary>apiVersion for a VirtualService this tool creates.</summary>
    public string VirtualServiceApiVersion { get; init; } = "networking.istio.io/v1";
}

/// <summary>The sink and how to spell hosts.</summary>
/// <param name="Sink">the sink's Service.</param>
/// <param name="SinkPort">an explicit sink port (<c>--sink HOST:PORT</c>); null chooses 8080 or 8081 by the mirrored service's protocol.</param>
/// <param name="ClusterDomain">the cluster's DNS domain.</param>
/// <param name="RootNamespace">Istio's root namespace (mesh-wide PeerAuthentication).</param>
public sealed record MirrorSinkOptions(ServiceHost Sink, int? SinkPort = null, string ClusterDomain = "cluster.local", string RootNamespace = MtlsModeResolver.DefaultRootNamespace)
{
    /// <summary>The sink installed by istio/deploy.</summary>
    public static readonly ServiceHost DefaultSink = new("ewids", "ewids-system");

    /// <summary>The sink's FQDN.</summary>
    public string SinkFqdn => Sink.Fqdn(ClusterDomain);
}
