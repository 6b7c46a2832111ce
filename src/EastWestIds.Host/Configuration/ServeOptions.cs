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
    public IPAddress AdminAddress { get; init; } = IPAddress.Any;
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
}
