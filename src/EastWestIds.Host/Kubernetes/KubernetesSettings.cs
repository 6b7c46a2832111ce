using EastWestIds.Host.Configuration;

namespace EastWestIds.Host.Kubernetes;

/// <summary>
/// The settings of the live inventory (<c>--kubernetes</c>), shared by <c>ewids serve</c> and <c>ewids proxy</c>. They
/// take the same names as <c>ewids mirror</c>'s <c>--kubeconfig</c> and <c>--context</c>.
/// </summary>
internal static class KubernetesSettings
{
    public static readonly Setting Kubernetes = new("kubernetes", "Judge requests against the cluster's live objects (Pods, Services, ServiceAccounts, Namespaces, AuthorizationPolicies, PeerAuthentications, VirtualServices), listed and watched through the Kubernetes API; /readyz waits for the first complete list. Not with --objects.", "false", IsFlag: true);
    public static readonly Setting Kubeconfig = new("kubeconfig", "With --kubernetes: the kubeconfig file. [default: in-cluster config when running in a pod, else $KUBECONFIG or ~/.kube/config]", null, "FILE");
    public static readonly Setting Context = new("context", "With --kubernetes: the kubeconfig context. [default: the current context]", null, "NAME");
    public static readonly Setting Namespace = new("namespace", "With --kubernetes: watch only this namespace (and its Namespace object), for a sink bound by a namespaced Role (istio/optional/namespaced-inventory-rbac.yaml). [default: all namespaces]", null, "NAMESPACE");

    public static IReadOnlyList<Setting> All { get; } = [Kubernetes, Kubeconfig, Context, Namespace];
}
