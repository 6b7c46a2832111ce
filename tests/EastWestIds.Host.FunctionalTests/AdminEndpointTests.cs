using System.Net;
using EastWestIds.Host.FunctionalTests.Infrastructure;

namespace EastWestIds.Host.FunctionalTests;

public sealed class AdminEndpointTests
{
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Probe_WhenStarted_Returns200(string path)
    {
        await using var sink = await SinkServer.StartAsync();
        using var client = new HttpClient();

        using var response = await client.GetAsync($"http://127.0.0.1:{sink.AdminPort}{path}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_ExposesEveryFamilyWithZeroesBeforeTraffic()
    {
        await using var sink = await SinkServer.StartAsync();
        using var client = new HttpClient();

        var text = await client.GetStringAsync($"http://127.0.0.1:{sink.AdminPort}/metrics");

        Assert.Contains("eastwestids_http_rejected_total{reason=\"bare_line_feed\"} 0", text);
        Assert.Contains("eastwestids_analysis_shed_total{reason=\"queue_full\"} 0", text);
        Assert.Contains("eastwestids_inspection_duration_seconds_bucket", text);
    }

    [Fact]
    public async Task Metrics_CarryTheProcessAndGcFigures()
    {
        await using var sink = await SinkServer.StartAsync();
        using var client = new HttpClient();

        var text = await client.GetStringAsync($"http://127.0.0.1:{sink.AdminPort}/metrics");

        Assert.Contains("dotnet_collection_count_total{generation=\"2\"}", text);
        Assert.Matches(@"(?m)^dotnet_gc_pause_seconds_total \d", text);
        Assert.Contains("process_working_set_bytes", text);
        Assert.Contains("process_cpu_seconds_total", text);
    }
}
