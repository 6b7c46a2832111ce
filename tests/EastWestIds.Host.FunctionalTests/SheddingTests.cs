using EastWestIds.Host.FunctionalTests.Infrastructure;

namespace EastWestIds.Host.FunctionalTests;

/// <summary>When analysis falls behind, the caller is still answered at once and every shed request is counted.</summary>
public sealed class SheddingTests
{
    [Fact]
    public async Task AnalysisStalled_QueueFull_RequestsAnsweredAndShedCounted()
    {
        GatedAlertWriter? gate = null;
        await using var sink = await SinkServer.StartAsync(
            o => o with { AnalysisQueueCapacity = 2 },
            inner => gate = new GatedAlertWriter(inner));
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);

        // The worker blocks on its first write; two wait in the queue; the rest must be shed, not waited for.
        await client.SendAsync(string.Concat(Enumerable.Range(0, 10).Select(i => MirrorRequests.DesignExample($"shed-{i}"))));
        var responses = await client.ReadResponsesAsync(10);
        Assert.Equal(10, responses.Count);

        var received = await sink.MetricAsync("eastwestids_requests_received_total{ingest=\"mirror\",protocol=\"http1\"}");
        var shed = await sink.MetricAsync("eastwestids_analysis_shed_total{reason=\"queue_full\"}");
        Assert.Equal(10, received);
        Assert.InRange(shed, 7, 8); // 10 − 2 queued − (0 or 1 already taken by the worker)

        gate!.Open();
        await sink.Alerts.WaitForAsync(r => r.Count == 10 - (int)shed, what: "the analysed rest");
        await MirrorListenerTests.WaitForMetricAsync(sink, "eastwestids_requests_analysed_total{ingest=\"mirror\"}", 10 - shed);
    }

    [Fact]
    public async Task AnalysisStalled_LargeBodiesOverMemoryBudget_ShedByMemory()
    {
        GatedAlertWriter? gate = null;
        await using var sink = await SinkServer.StartAsync(
            o => o with { AnalysisQueueMemoryBytes = 256 * 1024 },
            inner => gate = new GatedAlertWriter(inner));
        await using var client = await RawHttpClient.ConnectAsync(sink.MirrorPort);
        var body = new string('j', 64 * 1024);

        await client.SendAsync(string.Concat(Enumerable.Range(0, 12).Select(i => MirrorRequests.Post($"big-{i}", body))));
        var responses = await client.ReadResponsesAsync(12);
        Assert.Equal(12, responses.Count);

        var shed = await sink.MetricAsync("eastwestids_analysis_shed_total{reason=\"queue_memory_full\"}");
        Assert.InRange(shed, 7, 9); // about 256 KiB / 64 KiB requests wait; the rest is shed
        Assert.Equal(0, await sink.MetricAsync("eastwestids_analysis_shed_total{reason=\"queue_full\"}"));
        gate!.Open();
    }
}
