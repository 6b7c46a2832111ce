using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace EastWestIds.Host.FunctionalTests.Infrastructure;

/// <summary>
/// A real Prometheus (the Debian package's <c>/usr/bin/prometheus</c>) scraping given targets every second, with its
/// TSDB in a temporary directory, and an HTTP API client for instant queries.
/// </summary>
public sealed class PrometheusProcess : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus";

    public const string InstallHint = "Prometheus is needed by this test and was not found at " + Binary +
        ": run the README's test command (it does 'apt-get install -y prometheus'), then run the tests again.";

    private readonly ExternalProcess _process;
    private readonly HttpClient _client;

    private PrometheusProcess(ExternalProcess process, int port)
    {
        _process = process;
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    }

    /// <summary>
    /// Starts Prometheus scraping <paramref name="targets"/> (job name → <c>host:port</c>) every second and evaluating
    /// <paramref name="ruleFiles"/> every second.
    /// </summary>
    public static async Task<PrometheusProcess> StartAsync(IReadOnlyDictionary<string, string> targets, IReadOnlyList<string> ruleFiles)
    {
        if (!File.Exists(Binary))
        {
            Assert.Fail(InstallHint);
        }

        var directory = Directory.CreateTempSubdirectory("ewids-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        var scrapeConfigs = string.Join('\n', targets.Select(t => $"""
              - job_name: {t.Key}
                static_configs:
                  - targets: ['{t.Value}']
            """));
        var rules = string.Join('\n', ruleFiles.Select(f => $"  - '{f}'"));
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
            {rules}
            scrape_configs:
            {scrapeConfigs}

            """);
        var port = ExternalProcess.FreePort();
        string[] arguments =
        [
            $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}",
            $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
        ];
        var process = await ExternalProcess.StartAsync("prometheus", Binary, arguments, directory, [port], TimeSpan.FromSeconds(30));
        var prometheus = new PrometheusProcess(process, port);
        try
        {
            await prometheus.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
            return prometheus;
        }
        catch
        {
            await prometheus.DisposeAsync();
            throw;
        }
    }

    // Prometheus listens before its storage is open and answers 503 "Service Unavailable" until then.
    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using (var response = await _client.GetAsync("-/ready"))
            {
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Prometheus was not ready within {timeout}.\n{_process.Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Runs an instant query and returns the result vector (empty when the expression has no data).</summary>
    public async Task<IReadOnlyList<JsonElement>> QueryAsync(string expression)
    {
        using var response = await _client.GetAsync($"api/v1/query?query={Uri.EscapeDataString(expression)}");
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            throw new InvalidOperationException($"query '{expression}' failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode || body.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"query '{expression}' failed: {(int)response.StatusCode} {body}");
        }

        var data = body.GetProperty("data");
        return data.GetProperty("resultType").GetString() switch
        {
            "vector" or "matrix" => data.GetProperty("result").EnumerateArray().ToArray(),
            _ => [data.GetProperty("result")],
        };
    }

    /// <summary>Waits until every scrape target is up and has been scraped at least <paramref name="scrapes"/> times.</summary>
    public async Task WaitForScrapesAsync(int scrapes, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var up = await QueryAsync("min(count_over_time(up[1m])) and min(up) == 1");
            if (up.Count == 1 && double.Parse(up[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture) >= scrapes)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Prometheus did not scrape its targets {scrapes} times within {timeout}.\n{_process.Output}");
            }

            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _process.DisposeAsync();
    }
}
