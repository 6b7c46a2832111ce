using System.Text.Json.Nodes;
using EastWestIds.Kubernetes.Mesh;
using EastWestIds.Kubernetes.Objects;

namespace EastWestIds.Kubernetes.Mirrors;

/// <summary>One mirror found on one route, for <c>ewids mirror list</c>.</summary>
/// <param name="Services">the Services the VirtualService routes (<c>hosts</c>, resolved; unresolvable hosts as written).</param>
/// <param name="VirtualService"><c>namespace/name</c>.</param>
/// <param name="Route">the route, e.g. <c>http[0] "v2"</c>.</param>
/// <param name="Target">the mirror's Service, when it names one of the cluster.</param>
/// <param name="TargetHost">the mirror's host as written.</param>
/// <param name="Port">the port the copies go to; null when Istio would use the caller's listener port.</param>
/// <param name="Percent">the percentage (absent = 100).</param>
/// <param name="AddedByEwids">whether the <c>ewids.io/mirror</c> annotation records it.</param>
public sealed record MirrorListEntry(string Services, string VirtualService, string Route, ServiceHost? Target, string TargetHost, int? Port, double Percent, bool AddedByEwids);

/// <summary>Every mirror of every HTTP route, and whether the mirror's Service exposes the port the copies use.</summary>
public static class MirrorListing
{
    /// <summary>The mirrors of <paramref name="virtualServices"/> (all of them: ewids' own and anybody else's).</summary>
    public static List<MirrorListEntry> Entries(IEnumerable<JsonObject> virtualServices, string clusterDomain)
    {
        var entries = new List<MirrorListEntry>();
        foreach (var vs in virtualServices.OrderBy(KubeJson.Namespace, StringComparer.Ordinal).ThenBy(KubeJson.Name, StringComparer.Ordinal))
        {
            var ns = KubeJson.Namespace(vs);
            var records = MirrorAnnotation.Read(vs, out _);
            var hosts = string.Join(",", KubeJson.Items(vs, "spec", "hosts").Select(h =>
                ServiceHost.TryResolve(KubeJson.AsText(h), ns, clusterDomain, out var s) ? s.ToString() : KubeJson.AsText(h) ?? "?"));
            foreach (var (index, route) in VirtualServiceRoutes.HttpRoutes(vs))
            {
                foreach (var mirror in VirtualServiceRoutes.Mirrors(route, ns, clusterDomain))
                {
                    var ours = records.Any(r => r.Routes.Any(rr => (rr.Index == index || (rr.Name is not null && rr.Name == KubeJson.Text(route, "name"))) && rr.Port == mirror.Port)
                        && ServiceHost.TryResolve(r.Sink, ns, clusterDomain, out var sink) && sink == mirror.Target);
                    entries.Add(new MirrorListEntry(hosts, KubeJson.Key(vs), VirtualServiceRoutes.Describe(index, route), mirror.Target, KubeJson.Text(mirror.Destination, "host") ?? "?", mirror.Port, mirror.Percent, ours));
                }
            }
        }

        return entries;
    }

    /// <summary>
    /// Whether the mirror's Service exposes the port: yes, no (copies dropped silently), or why it cannot be told.
    /// Without an explicit port Istio uses the Service's only port, else the caller's listener port (§1.1).
    /// </summary>
    public static string PortStatus(MirrorListEntry entry, JsonObject? targetService)
    {
        if (entry.Target is null)
        {
            return "not a cluster Service";
        }

        if (targetService is null)
        {
            return "no such Service";
        }

        var ports = ServicePorts.All(targetService).ToList();
        if (entry.Port is { } port)
        {
            return ports.Any(p => KubeJson.Number(p, "port") == port) ? "yes" : "NO";
        }

        return ports.Count == 1 ? "yes (its only port)" : "caller's port (no port given)";
    }
}
