using System.Globalization;
using System.Net;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Host.Configuration;
using EastWestIds.Host.FunctionalTests.Infrastructure;
using EastWestIds.Host.Proxy;
using EastWestIds.Host.Signatures;
using EastWestIds.TestCommon;

namespace EastWestIds.Host.FunctionalTests.Proxy;

/// <summary>A real <c>ewids proxy</c> on loopback ports chosen by the OS in front of a <see cref="RecordingUpstream"/>, alerts kept in memory.</summary>
public sealed class ProxyServer : IAsyncDisposable
{
    private readonly ProxyHost _host;

    private ProxyServer(ProxyHost host, InMemoryAlertWriter alerts)
    {
        _host = host;
        Alerts = alerts;
    }

    public InMemoryAlertWriter Alerts { get; }

    public int Port => _host.ListenEndPoint.Port;

    public int AdminPort => _host.AdminEndPoint.Port;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>The running host: its alert store and baseline, when the test configured them.</summary>
    internal ProxyHost Host => _host;

    /// <summary>The admin port's address (probes, /metrics, the admin API and the web UI).</summary>
    public Uri AdminAddress => new($"http://127.0.0.1:{AdminPort}/");

    internal static async Task<ProxyServer> StartAsync(RecordingUpstream upstream, Func<ProxyOptions, ProxyOptions>? configure = null, Action<MirroredRequest>? beforeInspect = null, CapturedLogs? logs = null)
    {
        var options = new ProxyOptions
        {
            ListenAddress = IPAddress.Loopback,
            ListenPort = 0,
            AdminAddress = IPAddress.Loopback,
            AdminPort = 0,
            Upstream = new Uri($"http://127.0.0.1:{upstream.Http1Port}"),
            Inspection = new InspectionOptions(),
            InspectTimeout = TimeSpan.FromSeconds(10), // generous: the machine running the tests is shared
            // No shipped rules: these tests pin protocol, identity and forwarding behaviour, and the shipped rules
            // flag loopback test traffic (a numeric Host). ProxySignatureTests give their own rules.
            Rules = RuleSources.From([SinkServer.NoRules], TimeSpan.FromMilliseconds(10)),
        };
        options = configure?.Invoke(options) ?? options;
        var alerts = new InMemoryAlertWriter();
        var host = await ProxyHost.StartAsync(options, new ProxyHostOverrides
        {
            AlertWriter = alerts,
            Metrics = new IdsMetrics(Prometheus.Metrics.NewCustomRegistry()),
            BeforeInspect = beforeInspect,
            WatchRuleFiles = false,
            LoggerProvider = logs,
        });
        return new ProxyServer(host, alerts);
    }

    /// <summary>The value of one sample from <c>/metrics</c>, e.g. <c>eastwestids_inline_requests_total{…}</c>.</summary>
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

    /// <summary>Waits until a metric sample reaches <paramref name="value"/> (monitor mode counts off the request path).</summary>
    public async Task<double> WaitForMetricAsync(string sample, double value, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var current = await MetricAsync(sample);
            if (current >= value || DateTime.UtcNow > deadline)
            {
                return current;
            }

            await Task.Delay(20);
        }
    }

    public static string Outcome(string mode, string outcome) => $"eastwestids_inline_requests_total{{ingest=\"inline\",mode=\"{mode}\",outcome=\"{outcome}\"}}";

    public static string Failure(string mode, string reason) => $"eastwestids_inline_engine_failures_total{{ingest=\"inline\",mode=\"{mode}\",reason=\"{reason}\"}}";

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();
}
