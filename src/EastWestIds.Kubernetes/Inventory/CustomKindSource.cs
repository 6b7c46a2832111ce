using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace EastWestIds.Kubernetes.Inventory;

/// <summary>
/// An Istio kind through the custom-objects API. <paramref name="versions"/> are tried in order until one is
/// served (404 means the CRD does not serve that version: security.istio.io v1 arrived in Istio 1.22).
/// </summary>
internal sealed class CustomKindSource(IKubernetes client, string kind, string group, string plural, params string[] versions) : IKindSource
{
    private int _version;

    public string Kind => kind;

    public WatchedResource Resource { get; } = new(kind, group, plural, Namespaced: true);

    /// <summary>The version listed and watched now.</summary>
    public string Version => versions[_version];

    public async Task<KindList> ListAsync(string? ns, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var response = await Call(ns, null, false, cancellationToken).ConfigureAwait(false);
                var list = response.Body is JsonElement element ? element : JsonSerializer.SerializeToElement(response.Body);
                var items = new List<KindObject>();
                if (list.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in array.EnumerateArray())
                    {
                        var metadata = item.TryGetProperty("metadata", out var m) ? m : default;
                        items.Add(new KindObject(Text(metadata, "namespace"), Text(metadata, "name"), Text(metadata, "resourceVersion"), item.GetRawText()));
                    }
                }

                return new KindList(items, list.TryGetProperty("metadata", out var listMeta) ? Text(listMeta, "resourceVersion") : "");
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound && _version + 1 < versions.Length)
            {
                _version++;
            }
        }
    }

    public async IAsyncEnumerable<(WatchEventType Type, KindObject Object)> WatchAsync(string? ns, string resourceVersion, Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // KubernetesClient 21 marks this extension obsolete in favour of per-kind watch methods, which exist for
        // the typed kinds only; one watch path for core and custom kinds is worth the warning.
#pragma warning disable CS0618
        await foreach (var (type, item) in Call(ns, resourceVersion, true, cancellationToken).WatchAsync<CustomObject, object>(onError, cancellationToken).ConfigureAwait(false))
#pragma warning restore CS0618
        {
            var metadata = item.Metadata ?? new V1ObjectMeta();
            yield return (type, new KindObject(metadata.NamespaceProperty ?? "", metadata.Name ?? "", metadata.ResourceVersion ?? "", KubernetesJson.Serialize(item)));
        }
    }

    private Task<HttpOperationResponse<object>> Call(string? ns, string? resourceVersion, bool watch, CancellationToken cancellationToken) => ns is null
        ? client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync(group, Version, plural, allowWatchBookmarks: watch ? true : null, resourceVersion: resourceVersion, watch: watch ? true : null, cancellationToken: cancellationToken)
        : client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(group, Version, ns, plural, allowWatchBookmarks: watch ? true : null, resourceVersion: resourceVersion, watch: watch ? true : null, cancellationToken: cancellationToken);

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    /// <summary>What a watch event carries for a custom object: the mapper reads only metadata and spec.</summary>
    internal sealed class CustomObject : IKubernetesObject<V1ObjectMeta>
    {
        [JsonPropertyName("apiVersion")]
        public string ApiVersion { get; set; } = "";

        [JsonPropertyName("kind")]
        public string Kind { get; set; } = "";

        [JsonPropertyName("metadata")]
        public V1ObjectMeta Metadata { get; set; } = new();

        [JsonPropertyName("spec")]
        public JsonElement? Spec { get; set; }
    }
}
