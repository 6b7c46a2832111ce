using System.Text.Json.Nodes;
using EastWestIds.Kubernetes.Mesh;
using EastWestIds.Kubernetes.Objects;

namespace EastWestIds.Kubernetes.Mirrors;

/// <summary>
/// Plans <c>ewids mirror remove</c>: undoes what the <c>ewids.io/mirror</c> annotation says add did, and nothing
/// else. A mirror to the sink that add did not write (no record) is left alone and reported: it is somebody's
/// configuration. A route is found again by its name, else by its index, else as the one route still carrying the
/// recorded sink mirror; a route that no longer carries it is reported and skipped. A <c>mirror</c> that add turned
/// into <c>mirrors</c> is put back as it was once only it remains. A VirtualService that add created is deleted
/// when its spec is still exactly what add wrote; changed since, it is kept and only the mirror comes out.
/// </summary>
public static class MirrorRemovePlanner
{
    /// <summary>Plans removing the mirror of <paramref name="service"/>.</summary>
    public static MirrorPlan Plan(ServiceHost service, string clusterDomain, IReadOnlyList<JsonObject> virtualServices)
    {
        var plan = new MirrorPlan();
        var serviceFqdn = service.Fqdn(clusterDomain);
        foreach (var original in virtualServices.OrderBy(KubeJson.Namespace, StringComparer.Ordinal).ThenBy(KubeJson.Name, StringComparer.Ordinal))
        {
            var records = MirrorAnnotation.Read(original, out var error);
            if (error is not null)
            {
                if (VirtualServiceRoutes.Hosts(original, clusterDomain).Contains(service))
                {
                    plan.Warnings.Add($"{error}: left unchanged");
                }

                continue;
            }

            var record = records.FirstOrDefault(r => r.Service == serviceFqdn);
            if (record is null)
            {
                continue;
            }

            var edited = original.DeepClone().AsObject();
            var ns = KubeJson.Namespace(edited);
            ServiceHost.TryResolve(record.Sink, ns, clusterDomain, out var sink);
            var routes = VirtualServiceRoutes.HttpRoutes(edited).ToList();
            var claimed = new HashSet<int>();
            var undone = new List<string>();
            foreach (var recorded in record.Routes)
            {
                bool Carries(JsonObject route) =>
                    VirtualServiceRoutes.Mirrors(route, ns, clusterDomain).Any(m => m.Target == sink && (m.Port ?? recorded.Port) == recorded.Port);

                var carriers = routes.Where(r => !claimed.Contains(r.Index) && Carries(r.Route)).ToList();
                (int Index, JsonObject Route)? found = null;
                var at = recorded.Name is not null
                    ? carriers.FindIndex(r => KubeJson.Text(r.Route, "name") == recorded.Name)
                    : carriers.FindIndex(r => r.Index == recorded.Index);
                if (at >= 0)
                {
                    found = carriers[at];
                }
                else if (recorded.Name is null && carriers.Count == 1)
                {
                    found = carriers[0]; // routes were inserted or removed above it since
                }

                if (found is not { } target)
                {
                    plan.Notes.Add($"VirtualService {KubeJson.Key(original)} http[{recorded.Index}]{(recorded.Name is null ? "" : $" \"{recorded.Name}\"")} no longer carries the mirror ewids added: nothing to undo there");
                    continue;
                }

                claimed.Add(target.Index);
                Undo(target.Route, recorded, sink, ns, clusterDomain);
                undone.Add($"http[{target.Index}]");
            }

            records.Remove(record);
            if (record.CreatedDigest is not null && records.Count == 0 && KubeJson.Digest(original["spec"]) == record.CreatedDigest)
            {
                plan.Changes.Add(new PlannedChange(ChangeKind.Delete, original, $"VirtualService {KubeJson.Key(original)} deleted: ewids created it and nobody changed it since"));
                continue;
            }

            if (record.CreatedDigest is not null)
            {
                plan.Notes.Add($"VirtualService {KubeJson.Key(original)} was created by ewids but changed since: kept, only the mirror removed");
            }

            MirrorAnnotation.Write(edited, records);
            plan.Changes.Add(new PlannedChange(ChangeKind.Replace, edited, $"VirtualService {KubeJson.Key(original)}: mirror to {record.Sink} removed from {(undone.Count == 0 ? "no route (record dropped)" : string.Join(", ", undone))}"));
        }

        if (plan.Changes.Count == 0)
        {
            var handMade = virtualServices
                .Where(vs => VirtualServiceRoutes.Hosts(vs, clusterDomain).Contains(service))
                .Where(vs => VirtualServiceRoutes.HttpRoutes(vs).Any(r => VirtualServiceRoutes.Mirrors(r.Route, KubeJson.Namespace(vs), clusterDomain).Any()))
                .Select(KubeJson.Key)
                .ToList();
            plan.Notes.Add(handMade.Count == 0
                ? $"nothing to remove: ewids has not mirrored {service}"
                : $"nothing to remove: ewids has not mirrored {service}; the mirrors in {string.Join(", ", handMade)} were not added by ewids (no {MirrorAnnotation.Key} record) and are left unchanged");
        }

        return plan;
    }

    private static void Undo(JsonObject route, MirroredRoute recorded, ServiceHost sink, string ns, string clusterDomain)
    {
        bool IsOurs(JsonNode? destination) =>
            ServiceHost.TryResolve(KubeJson.Text(destination, "host"), ns, clusterDomain, out var host) && host == sink
            && ((int?)KubeJson.Number(destination, "port", "number") ?? recorded.Port) == recorded.Port;

        if (IsOurs(route["mirror"]))
        {
            route.Remove("mirror");
            route.Remove("mirrorPercentage");
            route.Remove("mirrorPercent");
            route.Remove("mirror_percent");
            return;
        }

        if (route["mirrors"] is not JsonArray mirrors)
        {
            return;
        }

        for (var i = mirrors.Count - 1; i >= 0; i--)
        {
            if (IsOurs(KubeJson.At(mirrors[i], "destination")))
            {
                mirrors.RemoveAt(i);
                break;
            }
        }

        // The route had its own mirror, which add moved into 'mirrors': once it is alone again, put it back as it was.
        if (recorded.Before?["mirror"] is JsonObject beforeMirror && mirrors.Count == 1
            && KubeJson.SameMeaning(KubeJson.At(mirrors[0], "destination"), beforeMirror)
            && KubeJson.Number(mirrors[0], "percentage", "value") == BeforePercent(recorded.Before))
        {
            var index = route.IndexOf("mirrors");
            route.RemoveAt(index);
            foreach (var (key, value) in recorded.Before)
            {
                route.Insert(Math.Min(index++, route.Count), key, value?.DeepClone());
            }

            return;
        }

        if (mirrors.Count == 0)
        {
            route.Remove("mirrors");
        }
    }

    private static double? BeforePercent(JsonObject before) =>
        KubeJson.Number(before, "mirrorPercentage", "value") ?? KubeJson.Number(before, "mirrorPercent") ?? KubeJson.Number(before, "mirror_percent");
}
