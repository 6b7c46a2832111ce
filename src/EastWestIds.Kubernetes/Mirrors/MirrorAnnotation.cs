using System.Globalization;
using System.Text.Json.Nodes;
using EastWestIds.Kubernetes.Objects;

namespace EastWestIds.Kubernetes.Mirrors;

/// <summary>What <c>ewids mirror add</c> did to one route, so that <c>remove</c> can undo exactly that.</summary>
/// <param name="Index">the route's index in <c>spec.http</c> when it was edited.</param>
/// <param name="Name">the route's <c>name</c>, when it has one (found again even if routes moved).</param>
/// <param name="Form"><c>mirror</c> (added <c>mirror</c> + <c>mirrorPercentage</c>) or <c>mirrors</c> (added a list entry).</param>
/// <param name="Port">the sink port the copy goes to.</param>
/// <param name="Before">the route's own <c>mirror</c>/<c>mirrorPercentage</c> that were turned into a <c>mirrors</c> entry, to put back.</param>
public sealed record MirroredRoute(int Index, string? Name, string Form, int Port, JsonObject? Before);

/// <summary>What <c>ewids mirror add</c> did to one VirtualService for one Service.</summary>
/// <param name="Service">the mirrored Service's FQDN.</param>
/// <param name="Sink">the sink's FQDN as written into the routes.</param>
/// <param name="Percent">the percentage written.</param>
/// <param name="CreatedDigest">set when add created the VirtualService: the digest of its spec then, so remove deletes it only if nobody changed it since.</param>
/// <param name="Routes">the routes edited.</param>
public sealed record MirrorRecord(string Service, string Sink, double Percent, string? CreatedDigest, IReadOnlyList<MirroredRoute> Routes);

/// <summary>
/// The <c>ewids.io/mirror</c> annotation: a JSON list of <see cref="MirrorRecord"/>s, one per mirrored Service (a
/// VirtualService may route several). It lives on the object it describes, so it moves, survives and is deleted
/// with it, and any other tool can read what ewids changed.
/// </summary>
public static class MirrorAnnotation
{
    /// <summary>The annotation key.</summary>
    public const string Key = "ewids.io/mirror";

    /// <summary>The records on a VirtualService; an unreadable annotation reads as none, with <paramref name="error"/> set.</summary>
    public static List<MirrorRecord> Read(JsonObject virtualService, out string? error)
    {
        error = null;
        var records = new List<MirrorRecord>();
        if (KubeJson.Text(virtualService, "metadata", "annotations", Key) is not { } text)
        {
            return records;
        }

        try
        {
            foreach (var item in JsonNode.Parse(text) as JsonArray ?? [])
            {
                var routes = KubeJson.Items(item, "routes").OfType<JsonObject>().Select(r => new MirroredRoute(
                    (int)(KubeJson.Number(r, "index") ?? -1),
                    KubeJson.Text(r, "name"),
                    KubeJson.Text(r, "form") ?? "mirror",
                    (int)(KubeJson.Number(r, "port") ?? 0),
                    r["before"] is JsonObject before ? before.DeepClone().AsObject() : null)).ToList();
                records.Add(new MirrorRecord(
                    KubeJson.Text(item, "service") ?? string.Empty,
                    KubeJson.Text(item, "sink") ?? string.Empty,
                    KubeJson.Number(item, "percent") ?? 100,
                    KubeJson.Text(item, "created"),
                    routes));
            }
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            error = $"annotation {Key} on {KubeJson.Key(virtualService)} is not readable ({ex.Message})";
            records.Clear();
        }

        return records;
    }

    /// <summary>Writes the records (removing the annotation, and an emptied <c>annotations</c>, when there are none).</summary>
    public static void Write(JsonObject virtualService, IReadOnlyList<MirrorRecord> records)
    {
        var metadata = KubeJson.EnsureObject(virtualService, "metadata");
        if (records.Count == 0)
        {
            if (metadata["annotations"] is JsonObject existing)
            {
                existing.Remove(Key);
                if (existing.Count == 0)
                {
                    metadata.Remove("annotations");
                }
            }

            return;
        }

        var array = new JsonArray();
        foreach (var record in records)
        {
            var routes = new JsonArray();
            foreach (var route in record.Routes)
            {
                var routeNode = new JsonObject { ["index"] = route.Index };
                if (route.Name is not null)
                {
                    routeNode["name"] = route.Name;
                }

                routeNode["form"] = route.Form;
                routeNode["port"] = route.Port;
                if (route.Before is not null)
                {
                    routeNode["before"] = route.Before.DeepClone();
                }

                routes.Add(routeNode);
            }

            var node = new JsonObject
            {
                ["service"] = record.Service,
                ["sink"] = record.Sink,
                ["percent"] = JsonValue.Create(decimal.Parse(record.Percent.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture)),
            };
            if (record.CreatedDigest is not null)
            {
                node["created"] = record.CreatedDigest;
            }

            node["routes"] = routes;
            array.Add(node);
        }

        KubeJson.EnsureObject(metadata, "annotations")[Key] = array.ToJsonString();
    }
}
