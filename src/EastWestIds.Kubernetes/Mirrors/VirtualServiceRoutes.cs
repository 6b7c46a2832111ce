using System.Text.Json.Nodes;
using EastWestIds.Kubernetes.Mesh;
using EastWestIds.Kubernetes.Objects;

namespace EastWestIds.Kubernetes.Mirrors;

/// <summary>One mirror of an HTTP route: from <c>mirror</c> (with <c>mirrorPercentage</c>) or one entry of <c>mirrors</c>.</summary>
/// <param name="Destination">the <c>Destination</c> object as written.</param>
/// <param name="Target">the Service it names, when it names one of the cluster.</param>
/// <param name="Port">the explicit <c>port.number</c>, if any.</param>
/// <param name="Percent">0–100; absent means 100.</param>
/// <param name="InList">whether it sits in <c>mirrors</c>.</param>
public sealed record RouteMirror(JsonObject Destination, ServiceHost? Target, int? Port, double Percent, bool InList);

/// <summary>Reading the parts of a VirtualService that mirroring cares about, with Istio's meaning.</summary>
public static class VirtualServiceRoutes
{
    /// <summary>Istio's VirtualService group and plural.</summary>
    public const string Group = "networking.istio.io";

    /// <inheritdoc cref="Group"/>
    public const string Plural = "virtualservices";

    /// <summary>The Services named in <c>spec.hosts</c>, resolved relative to the VirtualService's namespace.</summary>
    public static IEnumerable<ServiceHost> Hosts(JsonObject virtualService, string clusterDomain)
    {
        var ns = KubeJson.Namespace(virtualService);
        foreach (var host in KubeJson.Items(virtualService, "spec", "hosts"))
        {
            if (ServiceHost.TryResolve(KubeJson.AsText(host), ns, clusterDomain, out var service))
            {
                yield return service;
            }
        }
    }

    /// <summary>
    /// Whether sidecars use it: a VirtualService bound to gateways only (<c>gateways</c> set and without
    /// <c>mesh</c>) routes north-south traffic at a gateway, not the east-west calls the sink is for.
    /// </summary>
    public static bool AppliesToSidecars(JsonObject virtualService)
    {
        var gateways = KubeJson.Items(virtualService, "spec", "gateways").Select(KubeJson.AsText).ToList();
        return gateways.Count == 0 || gateways.Contains("mesh");
    }

    /// <summary>The HTTP routes (<c>spec.http</c>) with their index; TCP and TLS routes cannot mirror.</summary>
    public static IEnumerable<(int Index, JsonObject Route)> HttpRoutes(JsonObject virtualService)
    {
        var index = 0;
        foreach (var route in KubeJson.Items(virtualService, "spec", "http"))
        {
            if (route is JsonObject routeObject)
            {
                yield return (index, routeObject);
            }

            index++;
        }
    }

    /// <summary>Whether the VirtualService has TCP or TLS routes.</summary>
    public static bool HasNonHttpRoutes(JsonObject virtualService) =>
        KubeJson.Items(virtualService, "spec", "tcp").Any() || KubeJson.Items(virtualService, "spec", "tls").Any();

    /// <summary>The destinations of a route (<c>route[].destination</c>) that name <paramref name="service"/>, with their port.</summary>
    public static IEnumerable<int?> DestinationPortsTo(JsonObject route, ServiceHost service, string virtualServiceNamespace, string clusterDomain)
    {
        foreach (var weighted in KubeJson.Items(route, "route"))
        {
            var destination = KubeJson.At(weighted, "destination");
            if (ServiceHost.TryResolve(KubeJson.Text(destination, "host"), virtualServiceNamespace, clusterDomain, out var host) && host == service)
            {
                yield return KubeJson.Number(destination, "port", "number") is { } port ? (int)port : null;
            }
        }
    }

    /// <summary>Every mirror of a route.</summary>
    public static IEnumerable<RouteMirror> Mirrors(JsonObject route, string virtualServiceNamespace, string clusterDomain)
    {
        if (route["mirror"] is JsonObject single)
        {
            var percent = KubeJson.Number(route, "mirrorPercentage", "value") ?? KubeJson.Number(route, "mirrorPercent") ?? KubeJson.Number(route, "mirror_percent") ?? 100;
            yield return Mirror(single, percent, inList: false);
        }

        foreach (var policy in KubeJson.Items(route, "mirrors"))
        {
            if (KubeJson.At(policy, "destination") is JsonObject destination)
            {
                yield return Mirror(destination, KubeJson.Number(policy, "percentage", "value") ?? 100, inList: true);
            }
        }

        RouteMirror Mirror(JsonObject destination, double percent, bool inList) => new(
            destination,
            ServiceHost.TryResolve(KubeJson.Text(destination, "host"), virtualServiceNamespace, clusterDomain, out var target) ? target : null,
            KubeJson.Number(destination, "port", "number") is { } port ? (int)port : null,
            percent,
            inList);
    }

    /// <summary>A route's name for messages: <c>http[2] "reviews-v2"</c>.</summary>
    public static string Describe(int index, JsonObject route) =>
        KubeJson.Text(route, "name") is { } name ? $"http[{index}] \"{name}\"" : $"http[{index}]";
}
