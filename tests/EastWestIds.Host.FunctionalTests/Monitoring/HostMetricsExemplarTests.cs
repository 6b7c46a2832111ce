using System.Diagnostics;
using System.Text;
using EastWestIds.Host.Kubernetes;
using EastWestIds.Host.Storage;
using Prometheus;

namespace EastWestIds.Host.FunctionalTests.Monitoring;

/// <summary>
/// The store's and the inventory's metrics, like the request metrics (Engine.Tests' MetricFactoriesTests), record no
/// exemplar: the store counts suppressed alerts on the request's own flow, inside ASP.NET Core's request Activity.
/// </summary>
public sealed class HostMetricsExemplarTests
{
    [Fact]
    public async Task StoreMetrics_UpdatedInsideAnActivity_CarryNoExemplar()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new StoreMetrics(registry, "sqlite");
        using (new Activity("request").Start())
        {
            metrics.Suppressed();
            metrics.RecordFailed();
        }

        var text = await ExportOpenMetrics(registry);
        Assert.Contains("eastwestids_store", text);
        Assert.DoesNotContain("trace_id", text);
    }

    [Fact]
    public async Task InventoryMetrics_UpdatedInsideAnActivity_CarryNoExemplar()
    {
        var registry = Metrics.NewCustomRegistry();
        var metrics = new InventoryPrometheusMetrics(registry);
        using (new Activity("watch").Start())
        {
            metrics.PublishFailed();
            metrics.Rebuilt(TimeSpan.FromMilliseconds(3));
        }

        var text = await ExportOpenMetrics(registry);
        Assert.Contains("eastwestids_", text);
        Assert.DoesNotContain("trace_id", text);
    }

    private static async Task<string> ExportOpenMetrics(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream, ExpositionFormat.OpenMetricsText);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
