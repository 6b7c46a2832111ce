using System.Collections.Immutable;
using EastWestIds.Inventory.Model;
using EastWestIds.Inventory.Model.Istio;

namespace EastWestIds.Inventory.Yaml;

/// <summary>Reads Istio kinds: AuthorizationPolicy, VirtualService, PeerAuthentication.</summary>
internal static class IstioObjectMapper
{
    public static AuthorizationPolicyConfig AuthorizationPolicy(string apiVersion, YamlNodes metadata, YamlNodes spec, string ns)
    {
        var rules = ImmutableArray.CreateBuilder<RuleConfig?>();
        foreach (var rule in spec.Maps("rules"))
        {
            rules.Add(rule.Exists ? Rule(rule) : null);
        }

        var annotations = metadata.Labels("annotations");
        var selector = spec.Map("selector");
        return new AuthorizationPolicyConfig(
            ns,
            metadata.RequiredString("name"),
            spec.String("action") is { Length: > 0 } action ? action : "ALLOW",
            selector.Exists ? selector.Labels("matchLabels") : null,
            rules.ToImmutable())
        {
            ApiVersion = apiVersion,
            Annotations = annotations.Values.ToImmutableDictionary(StringComparer.Ordinal),
            Provider = spec.Map("provider").String("name"),
            HasTargetRefs = spec.Has("targetRef") || spec.Has("targetRefs"),
        };
    }

    public static VirtualServiceInfo VirtualService(YamlNodes metadata, YamlNodes spec, string ns)
    {
        var mirrors = ImmutableArray.CreateBuilder<MirrorTarget>();
        foreach (var route in spec.Maps("http"))
        {
            var mirror = route.Map("mirror");
            if (mirror.Exists)
            {
                // mirrorPercentage absent → 100%; the deprecated integer mirror_percent is the fallback
                double percent = route.Map("mirrorPercentage").Double("value") ?? route.Int("mirror_percent", 0, 100) ?? 100;
                mirrors.Add(new MirrorTarget(mirror.RequiredString("host"), mirror.Map("port").Int("number", 0, 65535) ?? 0, percent));
            }

            foreach (var policy in route.Maps("mirrors"))
            {
                var destination = policy.Map("destination");
                double percent = policy.Map("percentage").Double("value") ?? 100;
                mirrors.Add(new MirrorTarget(destination.RequiredString("host"), destination.Map("port").Int("number", 0, 65535) ?? 0, percent));
            }
        }

        return new VirtualServiceInfo(ns, metadata.RequiredString("name"), spec.Strings("hosts"), spec.Strings("gateways"), mirrors.ToImmutable());
    }

    public static PeerAuthenticationInfo PeerAuthentication(YamlNodes metadata, YamlNodes spec, string ns)
    {
        var ports = ImmutableDictionary.CreateBuilder<int, string>();
        foreach (var (key, value) in spec.Map("portLevelMtls").Entries())
        {
            if (!int.TryParse(key, out int port) || port is < 1 or > 65535)
            {
                throw new MalformedObjectException($"spec.portLevelMtls: '{key}' is not a port");
            }

            ports[port] = value.String("mode") ?? "UNSET";
        }

        var selector = spec.Map("selector");
        return new PeerAuthenticationInfo(
            ns,
            metadata.RequiredString("name"),
            selector.Exists ? selector.Labels("matchLabels") : null,
            spec.Map("mtls").String("mode"),
            ports.ToImmutable());
    }

    private static RuleConfig Rule(YamlNodes rule)
    {
        var from = ImmutableArray.CreateBuilder<SourceConfig?>();
        foreach (var entry in rule.Maps("from"))
        {
            var source = entry.Map("source");
            from.Add(source.Exists ? Source(source) : null);
        }

        var to = ImmutableArray.CreateBuilder<OperationConfig?>();
        foreach (var entry in rule.Maps("to"))
        {
            var operation = entry.Map("operation");
            to.Add(operation.Exists ? Operation(operation) : null);
        }

        var when = ImmutableArray.CreateBuilder<ConditionConfig>();
        foreach (var condition in rule.Maps("when"))
        {
            when.Add(new ConditionConfig(condition.RequiredString("key"), condition.Strings("values"), condition.Strings("notValues")));
        }

        return new RuleConfig(from.ToImmutable(), to.ToImmutable(), when.ToImmutable());
    }

    private static SourceConfig Source(YamlNodes s) => new()
    {
        Principals = s.Strings("principals"),
        NotPrincipals = s.Strings("notPrincipals"),
        RequestPrincipals = s.Strings("requestPrincipals"),
        NotRequestPrincipals = s.Strings("notRequestPrincipals"),
        Namespaces = s.Strings("namespaces"),
        NotNamespaces = s.Strings("notNamespaces"),
        ServiceAccounts = s.Strings("serviceAccounts"),
        NotServiceAccounts = s.Strings("notServiceAccounts"),
        TrustDomains = s.Strings("trustDomains"),
        NotTrustDomains = s.Strings("notTrustDomains"),
        IpBlocks = s.Strings("ipBlocks"),
        NotIpBlocks = s.Strings("notIpBlocks"),
        RemoteIpBlocks = s.Strings("remoteIpBlocks"),
        NotRemoteIpBlocks = s.Strings("notRemoteIpBlocks"),
    };

    private static OperationConfig Operation(YamlNodes o) => new()
    {
        Hosts = o.Strings("hosts"),
        NotHosts = o.Strings("notHosts"),
        Ports = o.Strings("ports"),
        NotPorts = o.Strings("notPorts"),
        Methods = o.Strings("methods"),
        NotMethods = o.Strings("notMethods"),
        Paths = o.Strings("paths"),
        NotPaths = o.Strings("notPaths"),
    };
}
