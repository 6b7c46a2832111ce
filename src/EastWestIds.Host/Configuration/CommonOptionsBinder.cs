using EastWestIds.Engine.Inspection;
using EastWestIds.Host.Authorization;
using EastWestIds.Http.Http1;
using EastWestIds.Identity.Spiffe;
using Microsoft.Extensions.Logging;
using S = EastWestIds.Host.Configuration.ServeSettings;

namespace EastWestIds.Host.Configuration;

/// <summary>
/// The settings every long-running command shares (<c>serve</c>, <c>proxy</c>): what the inspection pipeline needs,
/// the HTTP limits and the log level. Bound once here so both commands check them the same way.
/// </summary>
internal static class CommonOptionsBinder
{
    public static InspectionOptions Inspection(SettingsReader settings)
    {
        var trustDomains = settings.List(S.TrustDomain);
        foreach (var domain in trustDomains)
        {
            // A trust domain is checked by parsing the SPIFFE ID it would issue.
            if (!SpiffeIdParser.TryParse(System.Text.Encoding.UTF8.GetBytes($"spiffe://{domain}/x"), out _, out var error))
            {
                settings.AddError($"{S.TrustDomain.DisplayName}: invalid trust domain '{domain}': {error}");
            }
        }

        if (trustDomains.Count == 0)
        {
            settings.AddError($"{S.TrustDomain.DisplayName}: at least one trust domain is needed");
        }

        var sinkIdentity = settings.String(S.SinkIdentity);
        if (sinkIdentity is not null
            && (!SpiffeIdParser.TryParse(System.Text.Encoding.UTF8.GetBytes(sinkIdentity), out var parts, out var idError) || !parts.IsLeafWorkloadId))
        {
            settings.AddError($"{S.SinkIdentity.DisplayName}: '{sinkIdentity}' is not a workload SPIFFE ID ({idError})");
        }

        var sinkService = settings.String(S.SinkService) ?? string.Empty;
        var dot = sinkService.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == sinkService.Length - 1 || sinkService.IndexOf('.', dot + 1) >= 0)
        {
            settings.AddError($"{S.SinkService.DisplayName}: '{sinkService}' must be SERVICE.NAMESPACE, e.g. ewids.ewids-system");
            dot = -1;
        }

        var clusterDomain = settings.String(S.ClusterDomain) ?? "cluster.local";
        var objects = settings.List(S.Objects);
        var policies = objects.Count == 0 || settings.Errors.Count > 0
            ? null
            : PolicyObjectsLoader.Load(objects, settings.String(S.RootNamespace) ?? "istio-system", trustDomains, clusterDomain, settings.AddError);

        // --kubernetes (issue 5): the policy stage starts from an empty mesh that the live inventory replaces once the
        // cluster has been listed (with --objects as well, KubernetesOptionsBinder reports the conflict).
        if (objects.Count == 0 && settings.Errors.Count == 0 && global::EastWestIds.Host.Kubernetes.KubernetesOptionsBinder.IsOn(settings))
        {
            policies = global::EastWestIds.Host.Kubernetes.LivePolicyFeed.InitialSource(settings.String(S.RootNamespace) ?? "istio-system", trustDomains, clusterDomain);
        }
        return new InspectionOptions
        {
            Policies = policies,
            TrustDomains = trustDomains,
            SinkIdentity = sinkIdentity,
            SinkService = dot > 0 ? sinkService[..dot] : "ewids",
            SinkNamespace = dot > 0 ? sinkService[(dot + 1)..] : "ewids-system",
            ClusterDomain = clusterDomain,
            MaxInspectedBodyBytes = settings.Size(S.MaxBodyInspect, 0, 64 * 1024 * 1024),
            EmitHttpRecords = settings.Flag(S.EveHttp),
        };
    }

    public static HttpLimits Limits(SettingsReader settings) => new()
    {
        MaxRequestLineBytes = settings.Size(S.MaxRequestLine, 64, 1024 * 1024),
        MaxHeaderBytes = settings.Size(S.MaxHeaderBytes, 256, 16 * 1024 * 1024),
        MaxHeaderCount = settings.Count(S.MaxHeaders, 1, 10_000),
    };

    /// <summary>The signature rules to load (<c>--rules</c>, <c>--pcre-timeout</c>, <c>--rules-warm-up</c>).</summary>
    public static Signatures.RuleSources Rules(SettingsReader settings) => Signatures.RuleSources.From(
        settings.List(S.Rules),
        settings.Duration(S.PcreTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(10))) with
    {
        WarmUp = settings.Flag(S.RulesWarmUp),
    };

    public static LogLevel LogLevel(SettingsReader settings)
    {
        var logLevelText = settings.String(S.LogLevel);
        if (!Enum.TryParse<LogLevel>(logLevelText, ignoreCase: true, out var logLevel) || logLevel == Microsoft.Extensions.Logging.LogLevel.None)
        {
            settings.AddError($"{S.LogLevel.DisplayName}: invalid value '{logLevelText}': expected Trace, Debug, Information, Warning, Error or Critical");
            return Microsoft.Extensions.Logging.LogLevel.Information;
        }

        return logLevel;
    }
}
