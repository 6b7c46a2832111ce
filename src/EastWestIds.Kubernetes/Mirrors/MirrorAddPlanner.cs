using System.Globalization;
using System.Text.Json.Nodes;
using EastWestIds.Kubernetes.Mesh;
using EastWestIds.Kubernetes.Objects;

namespace EastWestIds.Kubernetes.Mirrors;

/// <summary>
/// Plans <c>ewids mirror add</c> on generic JSON: the VirtualServices that route the Service get a mirror on each
/// HTTP route that sends traffic to it, and nothing else of them changes.
/// </summary>
/// <remarks>
/// <para>Which VirtualServices: every one, in any namespace, whose <c>hosts</c> name the Service in any spelling
/// (short names read relative to the VirtualService's namespace) and that sidecars use (no <c>gateways</c>, or
/// <c>mesh</c> among them). Copies are made in each caller's sidecar by whichever of these it sees (its own
/// namespace's, or one exported to it), so leaving one out would leave its callers unwatched, and lateral movement
/// from exactly that namespace invisible. When none exists, a minimal one is created in the Service's namespace.</para>
/// <para>Which field: a route without mirrors gets <c>mirror</c> + <c>mirrorPercentage</c>, which every Istio
/// reads. A route that already has <c>mirrors</c> gets one more entry. A route that already has a <c>mirror</c>
/// to something else is turned into <c>mirrors</c> (the old one first, with its percentage) when the control
/// plane is 1.19 or newer; on an older or unknown version the whole add is refused, because the only alternative,
/// replacing somebody's mirror, would silently break theirs. Never both fields: Istio rejects that.</para>
/// <para>All or nothing: one refusal (a loop, an old Istio, the sink itself) refuses every route.</para>
/// </remarks>
public static class MirrorAddPlanner
{
    /// <summary>Plans mirroring <paramref name="service"/> to the sink at <paramref name="percent"/> (0 &lt; p ≤ 100).</summary>
    public static MirrorPlan Plan(ServiceHost service, double percent, MirrorSinkOptions options, MirrorClusterState state)
    {
        var plan = new MirrorPlan();
        var domain = options.ClusterDomain;
        var sink = options.Sink;
        if (service == sink)
        {
            return plan.Refuse($"{service} is the sink itself: mirroring it would send the sink's own traffic back into it");
        }

        if (state.TargetService is null)
        {
            return plan.Refuse($"Service {service} not found");
        }

        var graph = MirrorGraph.Build(state.VirtualServices, domain);
        if (graph.PathBetween(sink, service) is { } loop)
        {
            return plan.Refuse($"mirroring {service} to the sink would close a loop: {string.Join(" → ", loop.Append(sink))} (each arrow a mirror)");
        }

        if (graph.CycleThrough(service) is { } ring)
        {
            // Not ewids' loop, and the sink does not feed it; but every copy the ring multiplies now also reaches the sink.
            plan.Warnings.Add($"{service} is already in a loop of mirrors: {string.Join(" → ", ring)}; the sink will receive what that loop multiplies");
        }

        var supportsMirrors = state.Istio?.SupportsMirrors ?? false;
        var serviceFqdn = service.Fqdn(domain);
        var candidates = state.VirtualServices
            .Where(vs => VirtualServiceRoutes.Hosts(vs, domain).Contains(service))
            .OrderBy(KubeJson.Namespace, StringComparer.Ordinal).ThenBy(KubeJson.Name, StringComparer.Ordinal)
            .ToList();
        var usedPorts = new SortedSet<int>();
        var httpRoutesToService = 0;
        foreach (var original in candidates)
        {
            if (!VirtualServiceRoutes.AppliesToSidecars(original))
            {
                plan.Notes.Add($"VirtualService {KubeJson.Key(original)} is bound to gateways only (no 'mesh'): not east-west, left unchanged");
                continue;
            }

            var edited = original.DeepClone().AsObject();
            var ns = KubeJson.Namespace(edited);
            var records = MirrorAnnotation.Read(edited, out var annotationError);
            if (annotationError is not null)
            {
                return plan.Refuse($"{annotationError}; fix or delete the annotation first");
            }

            var added = new List<MirroredRoute>();
            foreach (var (index, route) in VirtualServiceRoutes.HttpRoutes(edited))
            {
                var destinationPorts = VirtualServiceRoutes.DestinationPortsTo(route, service, ns, domain).Distinct().ToList();
                if (destinationPorts.Count == 0)
                {
                    continue;
                }

                httpRoutesToService++;
                var where = $"VirtualService {KubeJson.Key(original)} {VirtualServiceRoutes.Describe(index, route)}";
                var existing = VirtualServiceRoutes.Mirrors(route, ns, domain).ToList();
                if (existing.FirstOrDefault(m => m.Target == sink) is { } already)
                {
                    var ours = records.Any(r => r.Service == serviceFqdn && r.Routes.Any(rr => rr.Index == index));
                    plan.Notes.Add($"{where} already mirrors to the sink ({Format(already.Percent)}%{(ours ? ", added by ewids" : ", not added by ewids")}): left unchanged");
                    continue;
                }

                var port = options.SinkPort ?? ServicePorts.MirrorPortFor(state.TargetService, destinationPorts.Count == 1 ? destinationPorts[0] : null);
                usedPorts.Add(port);
                var destination = new JsonObject
                {
                    ["host"] = options.SinkFqdn,
                    ["port"] = new JsonObject { ["number"] = port },
                };
                var name = KubeJson.Text(route, "name");
                if (route["mirrors"] is JsonArray mirrors)
                {
                    mirrors.Add(Policy(destination, percent));
                    added.Add(new MirroredRoute(index, name, "mirrors", port, null));
                }
                else if (route["mirror"] is JsonObject)
                {
                    var other = existing[0];
                    if (!supportsMirrors)
                    {
                        return plan.Refuse(
                            $"{where} already mirrors to {KubeJson.Text(other.Destination, "host")}; " +
                            $"Istio {(state.Istio is { } v ? v.ToString() : "of unknown version (assumed older than 1.19)")} allows one mirror per route, and replacing that one would silently break it. " +
                            "Give --istio-version 1.19 or newer if the control plane is, or remove that mirror first");
                    }

                    var before = new JsonObject();
                    foreach (var key in new[] { "mirror", "mirrorPercentage", "mirrorPercent", "mirror_percent" })
                    {
                        if (route.ContainsKey(key))
                        {
                            before[key] = route[key]?.DeepClone();
                        }
                    }

                    // The old mirror keeps its percentage as written (5.0 stays 5.0); the deprecated integer forms become a value.
                    var first = new JsonObject { ["destination"] = other.Destination.DeepClone() };
                    if (route["mirrorPercentage"] is JsonObject oldPercentage)
                    {
                        first["percentage"] = oldPercentage.DeepClone();
                    }
                    else if (route.ContainsKey("mirrorPercent") || route.ContainsKey("mirror_percent"))
                    {
                        first["percentage"] = new JsonObject { ["value"] = Percent(other.Percent) };
                    }

                    var list = new JsonArray(first, Policy(destination, percent));
                    KubeJson.ReplaceAt(route, "mirror", "mirrors", list);
                    route.Remove("mirrorPercentage");
                    route.Remove("mirrorPercent");
                    route.Remove("mirror_percent");
                    added.Add(new MirroredRoute(index, name, "mirrors", port, before));
                    plan.Notes.Add($"{where}: its mirror to {KubeJson.Text(other.Destination, "host")} is kept as the first entry of 'mirrors'");
                }
                else
                {
                    route["mirror"] = destination;
                    route["mirrorPercentage"] = new JsonObject { ["value"] = Percent(percent) };
                    added.Add(new MirroredRoute(index, name, "mirror", port, null));
                }
            }

            if (added.Count == 0)
            {
                if (VirtualServiceRoutes.HasNonHttpRoutes(original) && !VirtualServiceRoutes.HttpRoutes(original).Any())
                {
                    plan.Notes.Add($"VirtualService {KubeJson.Key(original)} routes {service} with TCP/TLS routes only: Istio mirrors HTTP routes only");
                }

                continue;
            }

            var existingRecord = records.FirstOrDefault(r => r.Service == serviceFqdn);
            records.Remove(existingRecord!);
            records.Add(new MirrorRecord(serviceFqdn, options.SinkFqdn, percent, existingRecord?.CreatedDigest, [.. existingRecord?.Routes ?? [], .. added]));
            MirrorAnnotation.Write(edited, records);
            plan.Changes.Add(new PlannedChange(ChangeKind.Replace, edited, $"VirtualService {KubeJson.Key(edited)}: mirror {string.Join(", ", added.Select(a => $"http[{a.Index}]"))} to {options.SinkFqdn} at {Format(percent)}%"));
        }

        if (!candidates.Any(VirtualServiceRoutes.AppliesToSidecars))
        {
            // None, or gateway-only ones: callers' sidecars route the service by default, so a mesh VirtualService can be added.
            var port = options.SinkPort ?? ServicePorts.MirrorPortFor(state.TargetService, null);
            usedPorts.Add(port);
            plan.Changes.Add(new PlannedChange(ChangeKind.Create, Minimal(service, port, percent, options, state), $"VirtualService {service.Namespace}/{MinimalName(service)} created: no VirtualService routed {service}; mirror to {options.SinkFqdn}:{port} at {Format(percent)}%"));
        }
        else if (plan.Changes.Count == 0 && httpRoutesToService == 0)
        {
            return plan.Refuse($"no HTTP route of {string.Join(", ", candidates.Select(KubeJson.Key))} sends traffic to {service} (TCP/TLS routes, gateway-only or routed elsewhere): nothing can be mirrored");
        }

        Warn(plan, usedPorts, options, state);
        return plan;
    }

    /// <summary>The name of the VirtualService add creates.</summary>
    public static string MinimalName(ServiceHost service)
    {
        var name = $"{service.Name}-ewids-mirror";
        return name.Length <= 253 ? name : name[..253];
    }

    private static JsonObject Minimal(ServiceHost service, int port, double percent, MirrorSinkOptions options, MirrorClusterState state)
    {
        var spec = new JsonObject
        {
            ["hosts"] = new JsonArray(service.Name),
            ["http"] = new JsonArray(new JsonObject
            {
                ["route"] = new JsonArray(new JsonObject { ["destination"] = new JsonObject { ["host"] = service.Name } }),
                ["mirror"] = new JsonObject { ["host"] = options.SinkFqdn, ["port"] = new JsonObject { ["number"] = port } },
                ["mirrorPercentage"] = new JsonObject { ["value"] = Percent(percent) },
            }),
        };
        var created = new JsonObject
        {
            ["apiVersion"] = state.VirtualServiceApiVersion,
            ["kind"] = "VirtualService",
            ["metadata"] = new JsonObject
            {
                ["name"] = MinimalName(service),
                ["namespace"] = service.Namespace,
                ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "ewids" },
            },
            ["spec"] = spec,
        };
        MirrorAnnotation.Write(created, [new MirrorRecord(service.Fqdn(options.ClusterDomain), options.SinkFqdn, percent, KubeJson.Digest(spec), [new MirroredRoute(0, null, "mirror", port, null)])]);
        return created;
    }

    private static void Warn(MirrorPlan plan, IEnumerable<int> ports, MirrorSinkOptions options, MirrorClusterState state)
    {
        if (plan.Changes.Count == 0)
        {
            return;
        }

        if (state.SinkService is null)
        {
            plan.Warnings.Add($"the sink Service {options.Sink} does not exist: callers' sidecars will drop the copies silently until it does");
        }
        else
        {
            foreach (var port in ports)
            {
                if (ServicePorts.Find(state.SinkService, port) is null)
                {
                    plan.Warnings.Add($"the sink Service {options.Sink} has no port {port}: callers' sidecars will drop the copies silently (only a debug log says so)");
                }
            }
        }

        foreach (var port in ports)
        {
            var (mode, source) = MtlsModeResolver.Resolve(state.PeerAuthentications, state.SinkService, options.Sink.Namespace, port, options.RootNamespace);
            if (mode != "STRICT")
            {
                plan.Warnings.Add($"mTLS to the sink is {mode}, not STRICT ({source}): copies may arrive in plain text without x-forwarded-client-cert, and the sink cannot tell who called; apply istio/deploy/peerauthentication.yaml");
                break;
            }
        }
    }

    private static JsonObject Policy(JsonObject destination, double percent) =>
        new() { ["destination"] = destination, ["percentage"] = new JsonObject { ["value"] = Percent(percent) } };

    /// <summary>A percentage as a JSON number written the way the user gave it (10 → 10, 2.5 → 2.5).</summary>
    private static JsonValue Percent(double value) =>
        JsonValue.Create(decimal.Parse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture));

    internal static string Format(double percent) => percent.ToString("0.####", CultureInfo.InvariantCulture);
}
