using EastWestIds.Inventory.Model;

namespace EastWestIds.Inventory.Snapshot;

public sealed partial class InventorySnapshot
{
    /// <summary>
    /// Resolves a Host/:authority to a Service the way the caller's DNS search path does: <c>svc</c> (in
    /// <paramref name="callerNamespace"/>), <c>svc.ns</c>, <c>svc.ns.svc</c> and <c>svc.ns.svc.&lt;clusterDomain&gt;</c>,
    /// case-insensitively, with an optional <c>:port</c> and trailing dot. Allocation-free.
    /// </summary>
    /// <param name="host">The authority (any <c>-shadow</c> suffix already removed).</param>
    /// <param name="callerNamespace">The caller's namespace, for a short name; empty when unknown.</param>
    /// <param name="clusterDomain">The cluster DNS domain (<c>cluster.local</c>).</param>
    /// <param name="service">The Service found.</param>
    /// <param name="port">The port given in the authority, or 0 when none.</param>
    /// <returns>False for external hosts, IP literals, malformed ports and unknown services.</returns>
    public bool TryResolveHost(
        ReadOnlySpan<char> host,
        ReadOnlySpan<char> callerNamespace,
        ReadOnlySpan<char> clusterDomain,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ServiceInfo? service,
        out int port)
    {
        service = null;
        port = 0;
        if (host.Length == 0 || host[0] == '[')
        {
            return false;
        }

        int colon = host.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(host[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) || port is <= 0 or > 65535)
            {
                port = 0;
                return false;
            }

            host = host[..colon];
        }

        if (host.EndsWith('.'))
        {
            host = host[..^1];
        }

        int firstDot = host.IndexOf('.');
        if (firstDot < 0)
        {
            return callerNamespace.Length > 0 && TryGetService(callerNamespace, host, out service);
        }

        var name = host[..firstDot];
        var rest = host[(firstDot + 1)..];
        int secondDot = rest.IndexOf('.');
        if (secondDot < 0)
        {
            return TryGetService(rest, name, out service);
        }

        var ns = rest[..secondDot];
        var suffix = rest[(secondDot + 1)..];
        if (!suffix.Equals("svc", StringComparison.OrdinalIgnoreCase))
        {
            if (!suffix.StartsWith("svc.", StringComparison.OrdinalIgnoreCase)
                || !suffix[4..].Equals(clusterDomain, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return TryGetService(ns, name, out service);
    }
}
