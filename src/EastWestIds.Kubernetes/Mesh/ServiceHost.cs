namespace EastWestIds.Kubernetes.Mesh;

/// <summary>
/// A Kubernetes Service named by a mesh host, whatever its spelling. Istio reads a short host (<c>reviews</c>) in a
/// VirtualService relative to the VirtualService's own namespace, so the same Service can be written
/// <c>reviews</c>, <c>reviews.default</c>, <c>reviews.default.svc</c> or <c>reviews.default.svc.cluster.local</c>;
/// comparing text would miss a mirror to the sink, or a loop, spelled another way.
/// </summary>
public readonly record struct ServiceHost(string Name, string Namespace)
{
    /// <summary>The fully qualified host, as written into VirtualServices by <c>ewids mirror</c>.</summary>
    public string Fqdn(string clusterDomain) => $"{Name}.{Namespace}.svc.{clusterDomain}";

    /// <inheritdoc/>
    public override string ToString() => $"{Namespace}/{Name}";

    /// <summary>
    /// Resolves a host as Istio does for a VirtualService in <paramref name="contextNamespace"/>. False for
    /// wildcards, IP addresses and hosts outside the cluster domain (ServiceEntries, external names).
    /// </summary>
    public static bool TryResolve(string? host, string contextNamespace, string clusterDomain, out ServiceHost service)
    {
        service = default;
        if (string.IsNullOrWhiteSpace(host) || host.Contains('*') || host.Contains(':'))
        {
            return false;
        }

        host = host.Trim().TrimEnd('.').ToLowerInvariant();
        var labels = host.Split('.');
        if (labels.Any(l => l.Length == 0))
        {
            return false;
        }

        var suffix = $".svc.{clusterDomain.ToLowerInvariant()}";
        switch (labels.Length)
        {
            case 1:
                service = new ServiceHost(labels[0], contextNamespace);
                return contextNamespace.Length > 0;
            case 2:
                service = new ServiceHost(labels[0], labels[1]);
                return true;
            case 3 when labels[2] == "svc":
                service = new ServiceHost(labels[0], labels[1]);
                return true;
            default:
                if (host.EndsWith(suffix, StringComparison.Ordinal) && labels.Length == 3 + clusterDomain.Split('.').Length)
                {
                    service = new ServiceHost(labels[0], labels[1]);
                    return true;
                }

                return false;
        }
    }

    /// <summary>Parses <c>HOST[:PORT]</c> given on the command line (no context namespace: the namespace must be spelled).</summary>
    public static bool TryParseWithPort(string text, string clusterDomain, out ServiceHost service, out int? port, out string error)
    {
        port = null;
        service = default;
        var host = text;
        var colon = text.LastIndexOf(':');
        if (colon >= 0)
        {
            host = text[..colon];
            if (!int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            {
                error = $"'{text[(colon + 1)..]}' is not a port (1-65535)";
                return false;
            }

            port = number;
        }

        if (!host.Contains('.'))
        {
            error = $"'{host}' has no namespace: write NAME.NAMESPACE (e.g. ewids.ewids-system)";
            return false;
        }

        if (!TryResolve(host, string.Empty, clusterDomain, out service))
        {
            error = $"'{host}' is not a Service host (NAME.NAMESPACE[.svc[.{clusterDomain}]])";
            return false;
        }

        error = string.Empty;
        return true;
    }
}
