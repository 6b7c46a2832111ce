using EastWestIds.Engine.Alerts;
using EastWestIds.Engine.Telemetry;
using Microsoft.Extensions.Logging;

namespace EastWestIds.Host.Hosting;

/// <summary>What a test (or an embedding) may supply instead of the defaults: where alerts go, which metrics, which logs.</summary>
internal sealed record SinkHostOverrides
{
    public IAlertWriter? AlertWriter { get; init; }
    public IdsMetrics? Metrics { get; init; }
    public ILoggerProvider? LoggerProvider { get; init; }

    /// <summary>Watch rule directories for changes (tests that reload explicitly turn it off).</summary>
    public bool WatchRuleFiles { get; init; } = true;
}
