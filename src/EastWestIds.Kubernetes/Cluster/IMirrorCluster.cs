using System.Text.Json.Nodes;
using EastWestIds.Kubernetes.Mesh;

namespace EastWestIds.Kubernetes.Cluster;

/// <summary>
/// The few reads and writes mirror management makes. Two implementations: the Kubernetes API
/// (<see cref="KubernetesMirrorCluster"/>) and <c>kubectl get -o yaml</c> files (<see cref="FileMirrorCluster"/>,
/// read-only). Objects travel as generic JSON so nothing unknown is lost on the way back.
/// </summary>
public interface IMirrorCluster
{
    /// <summary>A Service, or null when it does not exist.</summary>
    Task<JsonObject?> GetServiceAsync(string ns, string name, CancellationToken cancellationToken);

    /// <summary>VirtualServices of one namespace, or of all when <paramref name="ns"/> is null.</summary>
    Task<IReadOnlyList<JsonObject>> ListVirtualServicesAsync(string? ns, CancellationToken cancellationToken);

    /// <summary>PeerAuthentications of one namespace.</summary>
    Task<IReadOnlyList<JsonObject>> ListPeerAuthenticationsAsync(string ns, CancellationToken cancellationToken);

    /// <summary>The control plane's version, or null with a reason when it cannot be told.</summary>
    Task<(IstioVersion? Version, string Source)> DetectIstioVersionAsync(CancellationToken cancellationToken);

    /// <summary>Creates a VirtualService; <see cref="ClusterConflictException"/> when one of that name exists.</summary>
    Task CreateVirtualServiceAsync(JsonObject virtualService, CancellationToken cancellationToken);

    /// <summary>Replaces a VirtualService at the resourceVersion it carries; <see cref="ClusterConflictException"/> when it changed since.</summary>
    Task ReplaceVirtualServiceAsync(JsonObject virtualService, CancellationToken cancellationToken);

    /// <summary>Deletes a VirtualService if its resourceVersion is still <paramref name="resourceVersion"/>.</summary>
    Task DeleteVirtualServiceAsync(string ns, string name, string? resourceVersion, CancellationToken cancellationToken);
}

/// <summary>The object changed (or appeared) between read and write: read again and plan again.</summary>
public sealed class ClusterConflictException(string message) : Exception(message);

/// <summary>The cluster refused or could not be reached; the message says which and why.</summary>
public sealed class ClusterApiException(string message, System.Net.HttpStatusCode? status = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The API server's answer, when it gave one.</summary>
    public System.Net.HttpStatusCode? Status { get; } = status;
}
