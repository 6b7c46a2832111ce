namespace EastWestIds.Host.Kubernetes;

/// <summary>The validated <c>--kubernetes</c> settings: where the API server is and what to watch.</summary>
/// <param name="Kubeconfig">The kubeconfig file; null: in-cluster config in a pod, else $KUBECONFIG or ~/.kube/config.</param>
/// <param name="Context">The kubeconfig context; null: its current context.</param>
/// <param name="Namespace">Watch only this namespace; null: all of them.</param>
internal sealed record KubernetesInventoryOptions(string? Kubeconfig, string? Context, string? Namespace)
{
    /// <summary>How long changes gather before one rebuild (tests shorten it).</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(100);
}
