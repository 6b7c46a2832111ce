using System.Text.Json.Nodes;
using EastWestIds.Kubernetes.Mesh;
using EastWestIds.Kubernetes.Objects;

namespace EastWestIds.Kubernetes.Cluster;

/// <summary>
/// Objects from <c>kubectl get -o yaml</c> files, for <c>--dry-run --objects</c>: planning works exactly as against
/// a cluster, but nothing can be written. The Istio version comes from the caller (<c>--istio-version</c>) or an
/// istiod Deployment among the files.
/// </summary>
public sealed class FileMirrorCluster(IReadOnlyList<JsonObject> objects) : IMirrorCluster
{
    /// <summary>Reads a file or a directory of YAML files.</summary>
    public static FileMirrorCluster Load(string path) => new(KubeYamlReader.ReadPath(path));

    private IEnumerable<JsonObject> OfKind(string kind, string group) => objects.Where(o =>
        KubeJson.Text(o, "kind") == kind && (KubeJson.Text(o, "apiVersion") ?? string.Empty) is var api && (group.Length == 0 ? !api.Contains('/') : api.StartsWith(group + "/", StringComparison.Ordinal)));

    /// <inheritdoc/>
    public Task<JsonObject?> GetServiceAsync(string ns, string name, CancellationToken cancellationToken) =>
        Task.FromResult(OfKind("Service", "").FirstOrDefault(s => KubeJson.Namespace(s) == ns && KubeJson.Name(s) == name));

    /// <inheritdoc/>
    public Task<IReadOnlyList<JsonObject>> ListVirtualServicesAsync(string? ns, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<JsonObject>>(OfKind("VirtualService", "networking.istio.io").Where(v => ns is null || KubeJson.Namespace(v) == ns).ToList());

    /// <inheritdoc/>
    public Task<IReadOnlyList<JsonObject>> ListPeerAuthenticationsAsync(string ns, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<JsonObject>>(OfKind("PeerAuthentication", "security.istio.io").Where(p => KubeJson.Namespace(p) == ns).ToList());

    /// <inheritdoc/>
    public Task<(IstioVersion? Version, string Source)> DetectIstioVersionAsync(CancellationToken cancellationToken)
    {
        var versions = KubernetesMirrorCluster.IstiodVersions(OfKind("Deployment", "apps").Where(d => KubeJson.Namespace(d) == KubernetesMirrorCluster.IstioNamespace));
        return Task.FromResult<(IstioVersion?, string)>(versions.Count == 0
            ? (null, "no istiod Deployment among the objects files")
            : (versions.Min(), "istiod Deployment image in the objects files"));
    }

    /// <inheritdoc/>
    public Task CreateVirtualServiceAsync(JsonObject virtualService, CancellationToken cancellationToken) => throw ReadOnly();

    /// <inheritdoc/>
    public Task ReplaceVirtualServiceAsync(JsonObject virtualService, CancellationToken cancellationToken) => throw ReadOnly();

    /// <inheritdoc/>
    public Task DeleteVirtualServiceAsync(string ns, string name, string? resourceVersion, CancellationToken cancellationToken) => throw ReadOnly();

    private static InvalidOperationException ReadOnly() => new("objects files are read-only: use --dry-run");
}
