using k8s;

namespace EastWestIds.Kubernetes.Inventory;

/// <summary>One object as the informer keeps it: its identity, version and JSON (with kind and apiVersion set).</summary>
internal readonly record struct KindObject(string Namespace, string Name, string ResourceVersion, string Json);

/// <summary>A complete list of one kind and the resourceVersion to watch from.</summary>
internal sealed record KindList(IReadOnlyList<KindObject> Items, string ResourceVersion);

/// <summary>
/// One resource the live inventory lists and watches, as an RBAC rule names it: API group ("" for core), plural
/// resource name, and whether it lives in namespaces (with <c>--namespace</c> those are read in that namespace only).
/// </summary>
public sealed record WatchedResource(string Kind, string Group, string Resource, bool Namespaced);

/// <summary>
/// How one kind is listed and watched through KubernetesClient; <c>ns</c> null means all namespaces. Watch streams
/// report API errors sent as ERROR events (e.g. 410 Gone) through <c>onError</c>, as KubernetesClient does.
/// </summary>
internal interface IKindSource
{
    string Kind { get; }

    /// <summary>The resource as RBAC names it (group, plural), for the least-privilege manifests and their tests.</summary>
    WatchedResource Resource { get; }

    Task<KindList> ListAsync(string? ns, CancellationToken cancellationToken);

    IAsyncEnumerable<(WatchEventType Type, KindObject Object)> WatchAsync(string? ns, string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken);
}
