using System.Globalization;
using System.Net;
using EastWestIds.Engine.Alerts;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Host.Configuration;
using EastWestIds.Host.Hosting;
using EastWestIds.TestCommon;
using Prometheus;

namespace EastWestIds.Host.FunctionalTests.Infrastructure;

/// <summary>A real <c>ewids serve</c> on loopback ports chosen by the OS, with alerts kept in memory.</summary>
public sealed class SinkServer : IAsyncDisposable
{
    private readonly SinkHost _host;

    private SinkServer(SinkHost host, InMemoryAlertWriter alerts)
    {
        _host = host;
        Alerts = alerts;
    }

    public InMemoryAlertWriter Alerts { get; }

    public int MirrorPort => _host.MirrorEndPoint.Port;

    public int AdminPort => _host.AdminEndPoint.Port;

    /// <summary>The second mirror port, when the options asked for one.</summary>
    public int? GrpcPort => _host.GrpcEndPoint?.Port;

    internal IdsMetrics Metrics => _host.Metrics;

    /// <summary>The host itself, for tests that need its parts (the learned baseline).</summary>
    internal SinkHost Host => _host;

    /// <summary>The admin app's services (the alert store is registered there).</summary>
    internal IServiceProvider Services => _host.Services;

    /// <summary>An empty rule directory: sinks start without the shipped rules unless a test gives its own.</summary>
    internal static string NoRules => NoRulesDirectory.Value;

    /// <summary>The repository's <c>signatures/</c>, as <c>ewids serve</c> loads them, for tests that compare what the shipped rules raise.</summary>
    internal static Signatures.RuleSources ShippedRules { get; } = Signatures.RuleSources.From([RepositoryPaths.InRepository("signatures")], TimeSpan.FromSeconds(1));

    // In the test output, not a temporary directory: a temporary one per test run was never deleted (an empty
    // ewids-no-rules-* directory left in /tmp by every run).
    private static readonly Lazy<string> NoRulesDirectory = new(() => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "no-rules")).FullName);

    /// <summary>Starts a sink; <paramref name="configure"/> adjusts the defaults (EVE http records on, short timeouts).</summary>
    internal static async Task<SinkServer> StartAsync(Func<ServeOptions, ServeOptions>? configure = null, Func<InMemoryAlertWriter, IAlertWriter>? wrapWriter = null)
    {
        var options = new ServeOptions
        {
            MirrorAddress = IPAddress.Loopback,
            MirrorPort = 0,
            AdminAddress = IPAddress.Loopback,
            AdminPort = 0,
            Inspection = new InspectionOptions { EmitHttpRecords = true },
            HeaderTimeout = TimeSpan.FromSeconds(5),
            IdleTimeout = TimeSpan.FromSeconds(30),
            // No shipped rules: these tests pin framing, identity, policy and output behaviour, and the shipped rules
            // would both add alerts they do not expect and cost a compile per start. Tests about rules give their own.
            Rules = Signatures.RuleSources.From([NoRules], TimeSpan.FromMilliseconds(10)),
        };
        options = configure?.Invoke(options) ?? options;
        var alerts = new InMemoryAlertWriter();
        var host = await SinkHost.StartAsync(options, new SinkHostOverrides
        {
            AlertWriter = wrapWriter?.Invoke(alerts) ?? alerts,
            Metrics = new IdsMetrics(Prometheus.Metrics.NewCustomRegistry()),
        });
        return new SinkServer(host, alerts);
    }

    /// <summary>The value of one sample from <c>/metrics</c>, e.g. <c>eastwestids_http_rejected_total{reason="bare_line_feed"}</c>.</summary>
    public async Task<double> MetricAsync(string sample)
    {
        using var client = new HttpClient();
        var text = await client.GetStringAsync($"http://127.0.0.1:{AdminPort}/metrics");
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(sample + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(sample.Length + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    /// <summary>Waits until a metric sample reaches <paramref name="value"/>, or <paramref name="timeout"/> passes; returns the last value read.</summary>
    public async Task<double> WaitForMetricAsync(string sample, double value, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            double current = await MetricAsync(sample);
            if (current >= value || DateTime.UtcNow > deadline)
            {
                return current;
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}
