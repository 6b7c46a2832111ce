using EastWestIds.Engine.Alerts;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Telemetry;
using Microsoft.Extensions.Logging;

namespace EastWestIds.Host.Proxy;

/// <summary>What a test (or an embedding) may supply instead of the defaults.</summary>
internal sealed record ProxyHostOverrides
{
    public IAlertWriter? AlertWriter { get; init; }
    public IdsMetrics? Metrics { get; init; }
    public ILoggerProvider? LoggerProvider { get; init; }

    /// <summary>Whether rule files are watched for changes (tests that do not reload turn it off).</summary>
    public bool WatchRuleFiles { get; init; } = true;

    /// <summary>Runs on the inspecting thread just before the pipeline: a test makes the engine throw or hang here.</summary>
    public Action<MirroredRequest>? BeforeInspect { get; init; }
}
