using System.Net;
using EastWestIds.Engine.Inspection;
using EastWestIds.Http.Http1;
using Microsoft.Extensions.Logging;

namespace EastWestIds.Host.Configuration;

/// <summary>The validated settings of <c>ewids serve</c>.</summary>
internal sealed record ServeOptions
{
    public IPAddress MirrorAddress { get; init; } = IPAddress.Any;
    public int MirrorPort { get; init; } = 8080;

    /// <summary>A second mirror port (null: none). Istio picks the protocol towards a mirror from the sink Service port's
    /// name, and one container port cannot sit behind two Service ports of different protocols, so gRPC callers need
    /// their own port.</summary>
    public int? GrpcPort { get; init; }
    public IPAddress AdminAddress { get; init; } = IPAddress.Loopback;
    public int AdminPort { get; init; } = 9090;
    public string EvePath { get; init; } = "-";
    public HttpLimits Limits { get; init; } = HttpLimits.Default;
    public InspectionOptions Inspection { get; init; } = new();
    public TimeSpan HeaderTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(120);
    public int AnalysisQueueCapacity { get; init; } = 8192;
    public long AnalysisQueueMemoryBytes { get; init; } = 64L * 1024 * 1024;
    public int AnalysisWorkers { get; init; } = 1;
    public bool InlineScheduling { get; init; } = true;
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Where the signatures come from (default: the shipped directory).</summary>
    public Signatures.RuleSources Rules { get; init; } = Signatures.RuleSources.From(null, TimeSpan.FromMilliseconds(10));

    /// <summary>The alert store (the command line always sets one; null — tests, embeddings, <c>--store none</c> — runs without).</summary>
    public Storage.StoreHostOptions? Store { get; init; }

    /// <summary>Who may call the admin API (<c>/api/</c>, and <c>/metrics</c> with <c>--protect-metrics</c>).</summary>
    public Api.AdminAuthOptions AdminAuth { get; init; } = new();

    /// <summary>The learned baseline (<c>--learn</c>, <c>--learn-for</c>); null: no baseline stage.</summary>
    public EastWestIds.Host.Baseline.BaselineHostOptions? Baseline { get; init; }

    /// <summary><c>--kubernetes</c>: the live inventory feeds the policy stage (null: off; <see cref="Inspection"/>'s policies come from --objects).</summary>
    public global::EastWestIds.Host.Kubernetes.KubernetesInventoryOptions? Kubernetes { get; init; }
}
