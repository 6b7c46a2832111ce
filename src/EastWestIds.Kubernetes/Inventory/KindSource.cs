using k8s;

namespace EastWestIds.Kubernetes.Inventory;

/// <summary>One object as the informer keeps it: its identity, version and JSON (with kind and apiVersion set).</summary>
internal readonly record struct KindObject(string Namespace, string Name, string ResourceVersion, string Json);

/// <summary>A complete list of one kind and the resourceVersion to watch from.</summary>
internal sealed record KindList(IReadOnlyList<KindObject> Items, string ResourceVersion);

/// <summary>
/// How one kind is listed and watched through KubernetesClient; <c>ns</c> null means all namespaces. Watch streams
/// report API errors sent as ERROR events (e.g. 410 Gone) through <c>onError</c>, as KubernetesClient does.
/// </summary>
internal interface IKindSource
{
    string Kind { get; }

    Task<KindList> ListAsync(string? ns, CancellationToken cancellationToken);

    IAsyncEnumerable<(WatchEventType Type, KindObject Object)> WatchAsync(string? ns, string resourceVersion, Action<Exception> onError, CancellationToken cancellationToken);
}
