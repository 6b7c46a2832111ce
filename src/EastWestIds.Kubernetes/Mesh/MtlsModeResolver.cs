using System.Text.Json.Nodes;
using EastWestIds.Kubernetes.Objects;

namespace EastWestIds.Kubernetes.Mesh;

/// <summary>
/// The mTLS mode Istio applies to the sink's workload, from PeerAuthentications: a workload policy (its selector
/// matches) beats the namespace policy (no selector), which beats the mesh policy (no selector, in the root
/// namespace); <c>UNSET</c> inherits from the next level; nothing at all means PERMISSIVE. Without STRICT a copy may
/// arrive in plain text, with no <c>x-forwarded-client-cert</c>, and the sink cannot say who called.
/// </summary>
/// <remarks>
/// The sink's pods are not read: a workload selector counts as matching when its labels are a subset of the sink
/// Service's selector (which every sink pod carries). A selector on other labels is not assumed to match.
/// </remarks>
public static class MtlsModeResolver
{
    /// <summary>Istio's default root namespace, where a mesh-wide PeerAuthentication lives.</summary>
    public const string DefaultRootNamespace = "istio-system";

    /// <summary>The effective mode (STRICT, PERMISSIVE, DISABLE) on <paramref name="port"/> and the policy that decided it.</summary>
    public static (string Mode, string Source) Resolve(IEnumerable<JsonObject> peerAuthentications, JsonObject? sinkService, string sinkNamespace, int port, string rootNamespace = DefaultRootNamespace)
    {
        var all = peerAuthentications.OrderBy(p => KubeJson.Text(p, "metadata", "creationTimestamp") ?? string.Empty, StringComparer.Ordinal).ThenBy(KubeJson.Name, StringComparer.Ordinal).ToList();
        var selector = KubeJson.At(sinkService, "spec", "selector") as JsonObject;
        var targetPort = PortTarget(sinkService, port);

        foreach (var policy in all.Where(p => KubeJson.Namespace(p) == sinkNamespace && HasSelector(p) && Selects(p, selector)))
        {
            if (targetPort is { } number && KubeJson.Text(policy, "spec", "portLevelMtls", number.ToString(System.Globalization.CultureInfo.InvariantCulture), "mode") is { } portMode && portMode != "UNSET")
            {
                return (portMode, $"PeerAuthentication {KubeJson.Key(policy)} (port {number})");
            }

            if (Mode(policy) is { } mode)
            {
                return (mode, $"PeerAuthentication {KubeJson.Key(policy)}");
            }
        }

        foreach (var (scope, ns) in new[] { ("namespace", sinkNamespace), ("mesh", rootNamespace) })
        {
            foreach (var policy in all.Where(p => KubeJson.Namespace(p) == ns && !HasSelector(p)))
            {
                if (Mode(policy) is { } mode)
                {
                    return (mode, $"{scope} PeerAuthentication {KubeJson.Key(policy)}");
                }
            }
        }

        return ("PERMISSIVE", "no PeerAuthentication (Istio's default)");
    }

    private static string? Mode(JsonObject policy) =>
        KubeJson.Text(policy, "spec", "mtls", "mode") is { } mode && mode != "UNSET" ? mode : null;

    private static bool HasSelector(JsonObject policy) =>
        KubeJson.At(policy, "spec", "selector", "matchLabels") is JsonObject { Count: > 0 };

    private static bool Selects(JsonObject policy, JsonObject? serviceSelector)
    {
        if (serviceSelector is null || KubeJson.At(policy, "spec", "selector", "matchLabels") is not JsonObject labels)
        {
            return false;
        }

        return labels.All(label => KubeJson.Text(serviceSelector, label.Key) is { } value && value == KubeJson.AsText(label.Value));
    }

    /// <summary>The numeric target port behind a Service port, when the Service spells it as a number.</summary>
    private static int? PortTarget(JsonObject? service, int port)
    {
        var servicePort = ServicePorts.Find(service, port);
        return KubeJson.At(servicePort, "targetPort") switch
        {
            JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.Number => (int)KubeJson.AsDouble(value),
            JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => null,
            _ => servicePort is null ? null : port,
        };
    }
}
