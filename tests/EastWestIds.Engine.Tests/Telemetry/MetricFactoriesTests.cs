using System.Diagnostics;
using System.Text;
using EastWestIds.Engine.Inspection;
using EastWestIds.Engine.Telemetry;
using EastWestIds.Http.Http1;
using Prometheus;

namespace EastWestIds.Engine.Tests.Telemetry;

public sealed class MetricFactoriesTests
{
    [Fact]
    public async Task RequestMetrics_UpdatedInsideAnActivity_CarryNoExemplar()
    {
        var metrics = new IdsMetrics(Metrics.NewCustomRegistry());
        using (new Activity("request").Start())
        {
            metrics.RequestReceived(IngestKind.Inline, HttpVersion.Http11);
            metrics.StageCompleted(InspectionStage.Total, 0.000004);
        }

        var text = await ExportOpenMetrics(metrics.Registry);
        Assert.Contains("eastwestids_requests_received_total{ingest=\"inline\",protocol=\"http1\"} 1", text);
        Assert.DoesNotContain("trace_id", text);
    }

    [Fact]
    public async Task PrometheusDefault_InsideAnActivity_WouldRecordOne()
    {
        // The control: what MetricFactories.For turns off is really on by default, so the test above can fail.
        var registry = Metrics.NewCustomRegistry();
        var counter = Metrics.WithCustomRegistry(registry).CreateCounter("control_total", "control");
        using (new Activity("request").Start())
        {
            counter.Inc();
        }

        Assert.Contains("trace_id", await ExportOpenMetrics(registry));
    }

    private static async Task<string> ExportOpenMetrics(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream, ExpositionFormat.OpenMetricsText);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
