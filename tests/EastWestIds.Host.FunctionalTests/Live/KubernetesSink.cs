using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Host.Cli;
using EastWestIds.Host.Configuration;
using EastWestIds.Host.Hosting;
using EastWestIds.Kubernetes.Objects;
using EastWestIds.TestCommon;
using EastWestIds.TestCommon.Kubernetes;

namespace EastWestIds.Host.FunctionalTests.Live;

/// <summary>
/// A real <c>ewids serve --kubernetes --kubeconfig FILE</c>, its settings parsed from a command line as the binary
/// parses them, watching the test API server on loopback through a kubeconfig file; alerts kept in memory.
/// </summary>
public sealed class KubernetesSink : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly string _dir;
    private SinkHost? _host;
    private ServeOptions? _options;

    private KubernetesSink(TestApiServer server, string dir)
    {
        Server = server;
        _dir = dir;
    }

    public TestApiServer Server { get; }

    public ObjectStore Store => Server.Store;

    public InMemoryAlertWriter Alerts { get; } = new();

    public string Kubeconfig => Path.Combine(_dir, "kubeconfig");

    /// <summary>The policy snapshot in force now.</summary>
    public Engine.Authorization.PolicySnapshot PolicySnapshot => _options!.Inspection.Policies!.Current;

    public int MirrorPort => _host!.MirrorEndPoint.Port;

    public int AdminPort => _host!.AdminEndPoint.Port;

    /// <summary>Starts the test API server holding <paramref name="objects"/> (after <paramref name="prepare"/>), then the sink watching it.</summary>
    public static async Task<KubernetesSink> StartAsync(JsonObject[] objects, Action<TestApiServer>? prepare = null, params string[] extraArgs)
    {
        var server = await TestApiServer.StartAsync();
        var sink = new KubernetesSink(server, Directory.CreateTempSubdirectory("ewids-k8s-").FullName);
        server.Store.Seed(objects);
        server.WriteKubeconfig(sink._dir);
        prepare?.Invoke(server);
        var options = ParseServe(["--kubernetes", "--kubeconfig", sink.Kubeconfig, "--mirror-address", "127.0.0.1", "--mirror-port", "0", "--admin-address", "127.0.0.1", "--admin-port", "0", "--eve-http", .. extraArgs], out var errors);
        Assert.True(options is not null, errors);
        options = options with { Kubernetes = options.Kubernetes! with { Debounce = TimeSpan.FromMilliseconds(20) } };
        sink._options = options;
        sink._host = await SinkHost.StartAsync(options, new SinkHostOverrides
        {
            AlertWriter = sink.Alerts,
            Metrics = new IdsMetrics(Prometheus.Metrics.NewCustomRegistry()),
        });
        return sink;
    }

    /// <summary>The options <c>ewids serve ARGS</c> would run with; null with the printed errors when they do not validate.</summary>
    internal static ServeOptions? ParseServe(string[] args, out string errors)
    {
        var command = new Command("serve");
        var options = SettingsCommandLine.AddOptions(command, ServeSettings.All);
        using var writer = new StringWriter();
        var result = ServeCommand.Read(command.Parse(args), options, writer);
        errors = writer.ToString();
        return result;
    }

    public static JsonObject One(string yaml) => Assert.Single(KubeYamlReader.Read(yaml, "test"));

    /// <summary>GET <paramref name="path"/> on the admin port: (status, body).</summary>
    public async Task<(int Status, string Body)> AdminAsync(string path)
    {
        using var client = new HttpClient();
        using var response = await client.GetAsync($"http://127.0.0.1:{AdminPort}{path}");
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Waits until <c>/readyz</c> answers 200.</summary>
    public async Task ReadyAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while ((await AdminAsync("/readyz")).Status != 200)
        {
            Assert.True(DateTime.UtcNow < deadline, $"/readyz never turned 200; the API server saw: {string.Join(", ", Server.Requests.TakeLast(10).Select(r => $"{r.Verb} {r.Resource} {r.Status}"))}");
            await Task.Delay(20);
        }
    }

    /// <summary>The value of one sample from <c>/metrics</c> (0 when absent).</summary>
    public async Task<double> MetricAsync(string sample)
    {
        var (_, text) = await AdminAsync("/metrics");
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(sample + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(sample.Length + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    /// <summary>Waits until a metric sample satisfies <paramref name="condition"/>.</summary>
    public async Task<double> MetricEventuallyAsync(string sample, Func<double, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await MetricAsync(sample);
            if (condition(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{sample} stayed at {value}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await Server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
