using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EastWestIds.Kubernetes.Mesh;
using EastWestIds.Kubernetes.Objects;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace EastWestIds.Kubernetes.Cluster;

/// <summary>
/// Mirror management's calls to the Kubernetes API, with the real KubernetesClient. Istio objects go through the
/// custom-objects API as untyped JSON; core objects are only read. These are exactly the calls
/// istio/optional/mirror-manager-rbac.yaml grants (a test keeps the two in step):
/// services get · virtualservices list, create, update, delete · peerauthentications list · deployments list.
/// </summary>
public sealed class KubernetesMirrorCluster(IKubernetes client) : IMirrorCluster
{
    /// <summary>Where istiod runs by default.</summary>
    public const string IstioNamespace = "istio-system";

    private const string SecurityGroup = "security.istio.io";

    /// <summary>The version of networking.istio.io to use: v1 (Istio 1.22+), or v1beta1 for older control planes.</summary>
    public string VirtualServiceVersion { get; set; } = "v1";

    /// <summary>
    /// A client from <paramref name="kubeconfig"/> and <paramref name="context"/>; with neither, the in-cluster
    /// configuration when running in a pod (KUBERNETES_SERVICE_HOST set), else $KUBECONFIG or ~/.kube/config.
    /// </summary>
    /// <exception cref="ClusterApiException">the configuration cannot be read or names no such context.</exception>
    public static KubernetesMirrorCluster Connect(string? kubeconfig, string? context)
        => new(KubernetesConnection.Connect(kubeconfig, context));

    /// <inheritdoc/>
    public async Task<JsonObject?> GetServiceAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var service = await Call(() => client.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: cancellationToken), $"read Service {ns}/{name}", notFoundIsNull: true);
        return service is null ? null : JsonNode.Parse(KubernetesJson.Serialize(service))!.AsObject();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<JsonObject>> ListVirtualServicesAsync(string? ns, CancellationToken cancellationToken)
    {
        Task<object?> List() => ns is null
            ? Call(() => client.CustomObjects.ListCustomObjectForAllNamespacesAsync(VirtualServiceRoutesGroup, VirtualServiceVersion, "virtualservices", cancellationToken: cancellationToken), "list VirtualServices in all namespaces", notFoundIsNull: true)
            : Call(() => client.CustomObjects.ListNamespacedCustomObjectAsync(VirtualServiceRoutesGroup, VirtualServiceVersion, ns, "virtualservices", cancellationToken: cancellationToken), $"list VirtualServices in {ns}", notFoundIsNull: true);

        var list = await List();
        if (list is null && VirtualServiceVersion == "v1")
        {
            // networking.istio.io/v1 is served from Istio 1.22; an older control plane serves v1beta1 (same fields).
            VirtualServiceVersion = "v1beta1";
            list = await List();
        }

        return list is null
            ? throw new ClusterApiException($"the cluster serves no VirtualServices ({VirtualServiceRoutesGroup} v1 or v1beta1): is Istio installed?", HttpStatusCode.NotFound)
            : Items(list, "VirtualService", $"{VirtualServiceRoutesGroup}/{VirtualServiceVersion}");
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<JsonObject>> ListPeerAuthenticationsAsync(string ns, CancellationToken cancellationToken)
    {
        // security.istio.io/v1 is served from Istio 1.22; older control planes serve v1beta1 only.
        foreach (var version in new[] { "v1", "v1beta1" })
        {
            var list = await Call(() => client.CustomObjects.ListNamespacedCustomObjectAsync(SecurityGroup, version, ns, "peerauthentications", cancellationToken: cancellationToken), $"list PeerAuthentications in {ns}", notFoundIsNull: true);
            if (list is not null)
            {
                return Items(list, "PeerAuthentication", $"{SecurityGroup}/{version}");
            }
        }

        return [];
    }

    /// <inheritdoc/>
    public async Task<(IstioVersion? Version, string Source)> DetectIstioVersionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var deployments = await Call(() => client.AppsV1.ListNamespacedDeploymentAsync(IstioNamespace, labelSelector: "app=istiod", cancellationToken: cancellationToken), $"list Deployments in {IstioNamespace}");
            var versions = IstiodVersions(deployments!.Items.Select(d => JsonNode.Parse(KubernetesJson.Serialize(d))!.AsObject()));
            return versions.Count == 0
                ? (null, $"no istiod Deployment (label app=istiod) in {IstioNamespace}")
                : (versions.Min(), $"istiod image in {IstioNamespace}{(versions.Count > 1 ? $" (oldest of {versions.Count} revisions)" : "")}");
        }
        catch (ClusterApiException ex)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>The versions in the image tags of istiod Deployments (one per revision).</summary>
    public static List<IstioVersion> IstiodVersions(IEnumerable<JsonObject> deployments)
    {
        var versions = new List<IstioVersion>();
        foreach (var deployment in deployments)
        {
            if (KubeJson.Text(deployment, "metadata", "labels", "app") is not "istiod")
            {
                continue;
            }

            foreach (var container in KubeJson.Items(deployment, "spec", "template", "spec", "containers"))
            {
                if (IstioVersion.TryParseImage(KubeJson.Text(container, "image"), out var version))
                {
                    versions.Add(version);
                    break;
                }
            }
        }

        return versions;
    }

    /// <inheritdoc/>
    public Task CreateVirtualServiceAsync(JsonObject virtualService, CancellationToken cancellationToken)
    {
        var ns = KubeJson.Namespace(virtualService);
        var body = WithApiVersion(virtualService);
        return Call(() => client.CustomObjects.CreateNamespacedCustomObjectAsync(body, VirtualServiceRoutesGroup, VirtualServiceVersion, ns, "virtualservices", cancellationToken: cancellationToken), $"create VirtualService {KubeJson.Key(virtualService)}");
    }

    /// <inheritdoc/>
    public Task ReplaceVirtualServiceAsync(JsonObject virtualService, CancellationToken cancellationToken)
    {
        var body = WithApiVersion(virtualService);
        return Call(() => client.CustomObjects.ReplaceNamespacedCustomObjectAsync(body, VirtualServiceRoutesGroup, VirtualServiceVersion, KubeJson.Namespace(virtualService), "virtualservices", KubeJson.Name(virtualService), cancellationToken: cancellationToken), $"update VirtualService {KubeJson.Key(virtualService)}");
    }

    /// <inheritdoc/>
    public async Task DeleteVirtualServiceAsync(string ns, string name, string? resourceVersion, CancellationToken cancellationToken)
    {
        var options = new V1DeleteOptions { Preconditions = new V1Preconditions { ResourceVersion = resourceVersion } };
        var deleted = await Call(() => client.CustomObjects.DeleteNamespacedCustomObjectAsync(VirtualServiceRoutesGroup, VirtualServiceVersion, ns, "virtualservices", name, options, cancellationToken: cancellationToken), $"delete VirtualService {ns}/{name}", notFoundIsNull: true);
        if (deleted is null)
        {
            throw new ClusterConflictException($"VirtualService {ns}/{name} was deleted by someone else");
        }
    }

    private const string VirtualServiceRoutesGroup = Mirrors.VirtualServiceRoutes.Group;

    /// <summary>The object as sent: with the apiVersion this client speaks (the object may have been read as another).</summary>
    private JsonObject WithApiVersion(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        copy["apiVersion"] = $"{VirtualServiceRoutesGroup}/{VirtualServiceVersion}";
        return copy;
    }

    private static List<JsonObject> Items(object list, string kind, string apiVersion)
    {
        var node = list is JsonElement element ? JsonNode.Parse(element.GetRawText()) : JsonNode.Parse(KubernetesJson.Serialize(list));
        var items = new List<JsonObject>();
        foreach (var item in KubeJson.Items(node, "items"))
        {
            if (item is JsonObject obj)
            {
                // A list's items carry no kind and apiVersion; planning and printing want them.
                var copy = new JsonObject { ["apiVersion"] = KubeJson.Text(obj, "apiVersion") ?? apiVersion, ["kind"] = KubeJson.Text(obj, "kind") ?? kind };
                foreach (var (key, value) in obj)
                {
                    if (key is not "apiVersion" and not "kind")
                    {
                        copy[key] = value?.DeepClone();
                    }
                }

                items.Add(copy);
            }
        }

        return items;
    }

    private static async Task<T?> Call<T>(Func<Task<T>> call, string what, bool notFoundIsNull = false)
        where T : class
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound && notFoundIsNull)
        {
            return null;
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new ClusterConflictException($"{what}: {StatusMessage(ex)}");
        }
        catch (HttpOperationException ex)
        {
            throw new ClusterApiException($"{what}: {(int)ex.Response.StatusCode} {ex.Response.StatusCode}: {StatusMessage(ex)}", ex.Response.StatusCode, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ClusterApiException($"{what}: cannot reach the API server: {ex.Message}", inner: ex);
        }
        catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            throw new ClusterApiException($"{what}: the API server did not answer in time", inner: ex);
        }
        catch (Exception ex) when (ex is JsonException or k8s.Exceptions.KubernetesClientException or KubernetesException)
        {
            throw new ClusterApiException($"{what}: unexpected answer from the API server: {ex.Message}", inner: ex);
        }
    }

    private static string StatusMessage(HttpOperationException ex)
    {
        try
        {
            return KubeJson.Text(JsonNode.Parse(ex.Response.Content ?? ""), "message") ?? ex.Message;
        }
        catch (JsonException)
        {
            return ex.Message;
        }
    }
}
