using k8s;
using k8s.Models;

namespace EastWestIds.Kubernetes.Inventory;

/// <summary>The seven kinds the inventory keeps, as KubernetesClient lists and watches them.</summary>
internal static class KindSources
{
    /// <summary>
    /// Every source. With <paramref name="onlyNamespace"/> the namespaced kinds are listed in that namespace only and
    /// the Namespace kind is narrowed to that one object by a field selector (a namespaced Role is then enough,
    /// plus get/list/watch on that one Namespace).
    /// </summary>
    public static IReadOnlyList<IKindSource> All(IKubernetes client, string? onlyNamespace)
    {
        var core = client.CoreV1;
        var namespaceSelector = onlyNamespace is null ? null : $"metadata.name={onlyNamespace}";
        return
        [
            new TypedKindSource<V1Namespace, V1NamespaceList>("Namespace", "v1", "namespaces", false, (_, rv, watch, ct) =>
                core.ListNamespaceWithHttpMessagesAsync(allowWatchBookmarks: Bookmarks(watch), fieldSelector: namespaceSelector, resourceVersion: rv, watch: Watch(watch), cancellationToken: ct)),
            new TypedKindSource<V1ServiceAccount, V1ServiceAccountList>("ServiceAccount", "v1", "serviceaccounts", true, (ns, rv, watch, ct) => ns is null
                ? core.ListServiceAccountForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: Bookmarks(watch), resourceVersion: rv, watch: Watch(watch), cancellationToken: ct)
                : core.ListNamespacedServiceAccountWithHttpMessagesAsync(ns, allowWatchBookmarks: Bookmarks(watch), resourceVersion: rv, watch: Watch(watch), cancellationToken: ct)),
            new TypedKindSource<V1Service, V1ServiceList>("Service", "v1", "services", true, (ns, rv, watch, ct) => ns is null
                ? core.ListServiceForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: Bookmarks(watch), resourceVersion: rv, watch: Watch(watch), cancellationToken: ct)
                : core.ListNamespacedServiceWithHttpMessagesAsync(ns, allowWatchBookmarks: Bookmarks(watch), resourceVersion: rv, watch: Watch(watch), cancellationToken: ct)),
            new TypedKindSource<V1Pod, V1PodList>("Pod", "v1", "pods", true, (ns, rv, watch, ct) => ns is null
                ? core.ListPodForAllNamespacesWithHttpMessagesAsync(allowWatchBookmarks: Bookmarks(watch), resourceVersion: rv, watch: Watch(watch), cancellationToken: ct)
                : core.ListNamespacedPodWithHttpMessagesAsync(ns, allowWatchBookmarks: Bookmarks(watch), resourceVersion: rv, watch: Watch(watch), cancellationToken: ct)),
            new CustomKindSource(client, "AuthorizationPolicy", "security.istio.io", "authorizationpolicies", "v1", "v1beta1"),
            new CustomKindSource(client, "PeerAuthentication", "security.istio.io", "peerauthentications", "v1", "v1beta1"),
            new CustomKindSource(client, "VirtualService", "networking.istio.io", "virtualservices", "v1", "v1beta1"),
        ];
    }

    private static bool? Bookmarks(bool watch) => watch ? true : null;

    private static bool? Watch(bool watch) => watch ? true : null;
}
