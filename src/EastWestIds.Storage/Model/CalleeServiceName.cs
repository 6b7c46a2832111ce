namespace EastWestIds.Storage.Model;

/// <summary>
/// The Kubernetes Service an alert's callee is, whatever the caller typed: <c>ratings</c>, <c>ratings.bookinfo</c>,
/// <c>ratings.bookinfo.svc</c> and <c>ratings.bookinfo.svc.cluster.local</c> from a caller in <c>bookinfo</c> all name
/// Service <c>ratings</c> in namespace <c>bookinfo</c>. The store keeps the host as used (what the caller wrote) and
/// this name beside it (<c>alerts.callee_name</c>), so a filter by service — the way
/// Istio's <c>destination_service</c> and our dashboard name it — finds every spelling.
/// </summary>
/// <remarks>
/// The host arrives without <c>-shadow</c> and port, the namespace already resolved (from the host, else the caller's
/// namespace for a short name, else empty). Host names are case-insensitive, so the name is lower case. Shapes, as
/// <c>EastWestIds.Identity.Callee.CalleeAuthority</c> reads them: <c>svc</c>, <c>svc.ns</c>, <c>svc.ns.svc[.domain]</c>
/// give <c>svc</c>; a headless pod name <c>pod.svc.ns.svc[.domain]</c> gives <c>svc</c>; a host with no namespace
/// (external hosts, IP literals, short names of unknown callers) is its own name.
/// </remarks>
public static class CalleeServiceName
{
    /// <summary>The Service name for <paramref name="host"/> resolved in <paramref name="ns"/>, lower case ("" for "").</summary>
    public static string Of(string host, string ns)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(ns);
        var name = host.EndsWith('.') ? host[..^1] : host;
        if (ns.Length > 0)
        {
            var labels = name.Split('.');
            if (labels.Length == 1)
            {
                name = labels[0]; // a short name, resolved in the caller's namespace
            }
            else if (labels[1].Equals(ns, StringComparison.OrdinalIgnoreCase))
            {
                name = labels[0]; // svc.ns[.svc[.domain]]
            }
            else if (labels.Length >= 4 && labels[2].Equals(ns, StringComparison.OrdinalIgnoreCase)
                && labels[3].Equals("svc", StringComparison.OrdinalIgnoreCase))
            {
                name = labels[1]; // pod.svc.ns.svc[.domain]
            }
        }

        return name.ToLowerInvariant();
    }
}
