using k8s;

namespace EastWestIds.Kubernetes.Cluster;

/// <summary>
/// How every command reaches the API server (<c>ewids mirror</c>, <c>ewids serve --kubernetes</c>): with neither a
/// kubeconfig nor a context, the in-cluster configuration when running in a pod (KUBERNETES_SERVICE_HOST set, the
/// ServiceAccount token mounted), else $KUBECONFIG (its first file) or ~/.kube/config.
/// </summary>
public static class KubernetesConnection
{
    /// <summary>The client configuration for <paramref name="kubeconfig"/> and <paramref name="context"/> (both optional).</summary>
    /// <exception cref="ClusterApiException">the configuration cannot be found or read, or names no such context.</exception>
    public static KubernetesClientConfiguration Configuration(string? kubeconfig, string? context)
    {
        try
        {
            if (kubeconfig is null && context is null && KubernetesClientConfiguration.IsInCluster())
            {
                return KubernetesClientConfiguration.InClusterConfig();
            }

            var path = kubeconfig
                ?? Environment.GetEnvironmentVariable("KUBECONFIG")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
            if (!File.Exists(path))
            {
                throw new ClusterApiException($"no kubeconfig at {path} (give --kubeconfig, or run inside the cluster)");
            }

            return KubernetesClientConfiguration.BuildConfigFromConfigFile(path, currentContext: context);
        }
        catch (Exception ex) when (ex is k8s.Exceptions.KubeConfigException or k8s.Exceptions.KubernetesClientException or IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException or ArgumentException or NullReferenceException)
        {
            throw new ClusterApiException($"cannot use the Kubernetes configuration: {ex.Message}", inner: ex);
        }
    }

    /// <summary>A client for <see cref="Configuration"/>.</summary>
    /// <exception cref="ClusterApiException">the configuration cannot be used.</exception>
    public static IKubernetes Connect(string? kubeconfig, string? context) => Connect(Configuration(kubeconfig, context));

    /// <summary>A client for <paramref name="configuration"/>.</summary>
    /// <exception cref="ClusterApiException">the configuration cannot be used.</exception>
    public static IKubernetes Connect(KubernetesClientConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        try
        {
            return new k8s.Kubernetes(configuration);
        }
        catch (Exception ex) when (ex is k8s.Exceptions.KubeConfigException or k8s.Exceptions.KubernetesClientException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            // e.g. a client certificate file named by the kubeconfig that cannot be read
            throw new ClusterApiException($"cannot use the Kubernetes configuration: {ex.Message}", inner: ex);
        }
    }
}
