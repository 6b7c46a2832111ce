using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace EastWestIds.Kubernetes.Inventory;

/// <summary>A list call of the typed client: (namespace or null, resourceVersion, watch, token).</summary>
internal delegate Task<HttpOperationResponse<TList>> ListCall<TList>(string? ns, string? resourceVersion, bool watch, CancellationToken cancellationToken);

/// <summary>A core kind (Pod, Service, ...) through the typed client. List items come without kind and apiVersion, so they are set here.</summary>
internal sealed class TypedKindSource<T, TList>(string kind, string apiVersion, string plural, bool namespaced, ListCall<TList> call) : IKindSource
    where T : class, IKubernetesObject<V1ObjectMeta>
    where TList : IMetadata<V1ListMeta>, IItems<T>
{
    public string Kind => kind;

    public WatchedResource Resource { get; } = new(kind, "", plural, namespaced);

    public async Task<KindList> ListAsync(string? ns, CancellationToken cancellationToken)
    {
        using var response = await call(ns, null, false, cancellationToken).ConfigureAwait(false);
        var items = response.Body.Items.Select(ToObject).ToList();
        return new KindList(items, response.Body.Metadata?.ResourceVersion ?? "");
    }

    public async IAsyncEnumerable<(WatchEventType Type, KindObject Object)> WatchAsync(string? ns, string resourceVersion, Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // KubernetesClient 21 marks this extension obsolete in favour of per-kind watch methods, which exist for
        // the typed kinds only; one watch path for core and custom kinds is worth the warning.
#pragma warning disable CS0618
        await foreach (var (type, item) in call(ns, resourceVersion, true, cancellationToken).WatchAsync<T, TList>(onError, cancellationToken).ConfigureAwait(false))
#pragma warning restore CS0618
        {
            yield return (type, ToObject(item));
        }
    }

    private KindObject ToObject(T item)
    {
        item.Kind = kind;
        item.ApiVersion = apiVersion;
        var metadata = item.Metadata ?? new V1ObjectMeta();
        return new KindObject(metadata.NamespaceProperty ?? "", metadata.Name ?? "", metadata.ResourceVersion ?? "", KubernetesJson.Serialize(item));
    }
}
