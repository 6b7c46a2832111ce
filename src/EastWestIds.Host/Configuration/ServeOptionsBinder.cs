using EastWestIds.Engine.Inspection;
using EastWestIds.Http.Http1;
using EastWestIds.Identity.Spiffe;
using Microsoft.Extensions.Logging;
using S = EastWestIds.Host.Configuration.ServeSettings;

namespace EastWestIds.Host.Configuration;

/// <summary>Turns resolved settings into <see cref="ServeOptions"/>, checking each and how they fit together.</summary>
internal static class ServeOptionsBinder
{
    public static ServeOptions Bind(SettingsReader settings)
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

        var logLevelText = settings.String(S.LogLevel);
        if (!Enum.TryParse<LogLevel>(logLevelText, ignoreCase: true, out var logLevel) || logLevel == LogLevel.None)
        {
            settings.AddError($"{S.LogLevel.DisplayName}: invalid value '{logLevelText}': expected Trace, Debug, Information, Warning, Error or Critical");
            logLevel = LogLevel.Information;
        }

        var limits = new HttpLimits
        {
            MaxRequestLineBytes = settings.Size(S.MaxRequestLine, 64, 1024 * 1024),
            MaxHeaderBytes = settings.Size(S.MaxHeaderBytes, 256, 16 * 1024 * 1024),
            MaxHeaderCount = settings.Count(S.MaxHeaders, 1, 10_000),
        };

        var options = new ServeOptions
        {
            MirrorAddress = settings.Address(S.MirrorAddress),
            MirrorPort = settings.Port(S.MirrorPort),
            AdminAddress = settings.Address(S.AdminAddress),
            AdminPort = settings.Port(S.AdminPort),
            EvePath = settings.String(S.Eve) ?? "-",
            Limits = limits,
            Inspection = new InspectionOptions
            {
                TrustDomains = trustDomains,
                SinkIdentity = sinkIdentity,
                SinkService = dot > 0 ? sinkService[..dot] : "ewids",
                SinkNamespace = dot > 0 ? sinkService[(dot + 1)..] : "ewids-system",
                ClusterDomain = settings.String(S.ClusterDomain) ?? "cluster.local",
                MaxInspectedBodyBytes = settings.Size(S.MaxBodyInspect, 0, 64 * 1024 * 1024),
                EmitHttpRecords = settings.Flag(S.EveHttp),
            },
            HeaderTimeout = settings.Duration(S.HeaderTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)),
            IdleTimeout = settings.Duration(S.IdleTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(1)),
            AnalysisQueueCapacity = settings.Count(S.AnalysisQueue, 1, 1_000_000),
            AnalysisQueueMemoryBytes = settings.Size(S.AnalysisQueueMemory, 1024 * 1024, int.MaxValue),
            AnalysisWorkers = settings.Count(S.AnalysisWorkers, 1, 256),
            InlineScheduling = settings.Flag(S.InlineScheduling),
            LogLevel = logLevel,
            Rules = Signatures.RuleSources.From(
                settings.List(S.Rules),
                settings.Duration(S.PcreTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(10))),
        };

        if (options.MirrorPort != 0 && options.MirrorPort == options.AdminPort)
        {
            settings.AddError($"{S.MirrorPort.DisplayName} and {S.AdminPort.DisplayName} are both {options.MirrorPort}: they must differ");
        }

        return options;
    }
}
