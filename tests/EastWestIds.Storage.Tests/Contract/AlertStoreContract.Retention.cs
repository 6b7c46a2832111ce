using EastWestIds.Storage.Model;
using EastWestIds.Storage.Tests.Fixtures;

namespace EastWestIds.Storage.Tests.Contract;

public abstract partial class AlertStoreContract
{
    [Fact]
    public async Task Retention_ByAge_DeletesOnlyOlderInSmallBatchesOverPasses()
    {
        var (store, _) = await NewStoreAsync();
        var now = TestAlerts.BaseTime.AddDays(60);
        var old = Enumerable.Range(0, 5).Select(i => TestAlerts.Make(sid: i, at: now.AddDays(-31).AddMinutes(-i)));
        var fresh = Enumerable.Range(10, 3).Select(i => TestAlerts.Make(sid: i, at: now.AddDays(-29)));
        await WriteAsync(store, [.. old, .. fresh]);
        var options = new RetentionOptions { MaxAge = TimeSpan.FromDays(30), MaxAlerts = null, BatchSize = 2, MaxBatchesPerRun = 2 };

        var first = await store.RunRetentionAsync(options, now);
        var second = await store.RunRetentionAsync(options, now);

        Assert.Equal((4L, true), (first.AlertsByAge, first.MoreRemaining));
        Assert.Equal((1L, false), (second.AlertsByAge, second.MoreRemaining));
        Assert.Equal([10, 11, 12], (await AllAsync(store)).Select(a => a.Sid).Order());
    }

    [Fact]
    public async Task Retention_ByCount_KeepsTheNewest()
    {
        var (store, _) = await NewStoreAsync();
        // Two share the boundary timestamp: the id decides which stays.
        await WriteAsync(store, Enumerable.Range(0, 10).Select(i => TestAlerts.Make(sid: i, at: TestAlerts.BaseTime.AddMinutes(i == 6 ? 5 : i))).ToArray());

        var result = await store.RunRetentionAsync(new RetentionOptions { MaxAge = null, MaxAlerts = 4, BatchSize = 3 }, TestAlerts.BaseTime);

        Assert.Equal(6, result.AlertsByCount);
        Assert.False(result.MoreRemaining);
        Assert.Equal([6, 7, 8, 9], (await AllAsync(store)).Select(a => a.Sid).Order());
    }

    [Fact]
    public async Task Retention_UnderLimits_DeletesNothing()
    {
        var (store, _) = await NewStoreAsync();
        await WriteAsync(store, TestAlerts.Make(), TestAlerts.Make());

        var result = await store.RunRetentionAsync(new RetentionOptions { MaxAge = TimeSpan.FromDays(1), MaxAlerts = 2 }, TestAlerts.BaseTime.AddHours(1));

        Assert.Equal(default, result);
        Assert.Equal(2, await store.CountAlertsAsync(AlertFilter.All));
    }

    [Fact]
    public async Task Retention_ByAge_RemovesStaleEdgesAndBaseline()
    {
        var (store, _) = await NewStoreAsync();
        var now = TestAlerts.BaseTime.AddDays(60);
        var batch = new StoreBatch();
        batch.Edges.Add(new FlowEdgeDelta("old", "svc", VerdictCounts.Of(AlertVerdict.Allowed), now.AddDays(-40), now.AddDays(-40)));
        batch.Edges.Add(new FlowEdgeDelta("new", "svc", VerdictCounts.Of(AlertVerdict.Allowed), now.AddDays(-40), now.AddDays(-1)));
        batch.Baseline.Add(new BaselineDelta("old", "svc", "GET", "/a", 1, now.AddDays(-40), now.AddDays(-40)));
        batch.Baseline.Add(new BaselineDelta("new", "svc", "GET", "/a", 1, now.AddDays(-40), now.AddDays(-2)));
        await store.WriteBatchAsync(batch);

        var result = await store.RunRetentionAsync(new RetentionOptions { MaxAge = TimeSpan.FromDays(30), MaxAlerts = null }, now);

        Assert.Equal((1L, 1L), (result.Edges, result.BaselineEntries));
        Assert.Equal(["new"], (await store.ListEdgesAsync()).Select(e => e.Caller));
        Assert.Equal(["new"], (await store.ListBaselineAsync()).Select(e => e.Caller));
    }

    [Fact]
    public async Task Retention_RunByTheWriterPeriodically()
    {
        var time = new ManualTime(TestAlerts.BaseTime.AddDays(100));
        var (store, _) = await NewStoreAsync(time);
        await WriteAsync(store, TestAlerts.Make(at: TestAlerts.BaseTime), TestAlerts.Make(at: time.Now));
        await using var writer = new EastWestIds.Storage.Writing.AlertStoreWriter(store, new EastWestIds.Storage.Writing.StoreWriterOptions
        {
            Retention = new RetentionOptions { MaxAge = TimeSpan.FromDays(30), Interval = TimeSpan.FromMilliseconds(20) },
            SuppressionRefreshInterval = TimeSpan.FromMilliseconds(20),
        }, time);
        writer.Start();
        Assert.True(writer.TryEnqueue(TestAlerts.Make(at: time.Now))); // the maintenance task waits for the writer's first success

        await Wait.UntilAsync(async () => await store.CountAlertsAsync(AlertFilter.All) == 2, "the 100-day-old alert removed, the two current kept");
    }
}
