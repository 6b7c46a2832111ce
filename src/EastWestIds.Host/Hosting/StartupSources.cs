using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Signatures;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Host.Kubernetes;
using EastWestIds.Host.Signatures;
using EastWestIds.Kubernetes.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace EastWestIds.Host.Hosting;

/// <summary>
/// What <c>serve</c> and <c>proxy</c> load before they listen: the signature set and, with <c>--kubernetes</c>, the live
/// inventory feeding the policy stage. A failure disposes the app that was built and rethrows (the command exits 2).
/// </summary>
internal static class StartupSources
{
    public static async Task<(SignatureSetHolder Signatures, LivePolicyFeed? Live)> LoadAsync(
        WebApplication app, RuleSources rules, KubernetesInventoryOptions? kubernetes, InspectionOptions inspection, IdsMetrics metrics, ILoggerFactory loggerFactory)
    {
        try
        {
            var signatures = StartupSignatures.Load(rules, metrics, loggerFactory.CreateLogger("EastWestIds.Signatures"));

            // /readyz waits for the live inventory's first snapshot.
            var live = kubernetes is null
                ? null
                : LivePolicyFeed.Start(kubernetes, inspection.Policies ?? throw new ArgumentException("--kubernetes needs the policy source KubernetesOptionsBinder makes", nameof(inspection)), inspection.ClusterDomain, metrics.Registry, loggerFactory);
            return (signatures, live);
        }
        catch (Exception ex) when (ex is SignatureLoadException or ClusterApiException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
