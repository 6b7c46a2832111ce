using EastWestIds.Storage.Model;
using EastWestIds.Storage.Tests.Fixtures;
using EastWestIds.Storage.Writing;

namespace EastWestIds.Storage.Tests.Contract;

public abstract partial class AlertStoreContract
{
    private static StoreWriterOptions FastRetry(int maxItems = 10_000, long maxBytes = 64L << 20) => new()
    {
        MaxQueuedItems = maxItems,
        MaxQueuedBytes = maxBytes,
        MaxBatchItems = 50,
        RetryInitialDelay = TimeSpan.FromMilliseconds(20),
        RetryMaxDelay = TimeSpan.FromMilliseconds(200),
        SuppressionHitFlushInterval = TimeSpan.FromMilliseconds(50),
    };

    [Fact]
    public async Task Writer_Enqueued_WrittenInBatches()
    {
        var (store, _) = await NewStoreAsync();
        await using var writer = new AlertStoreWriter(store, FastRetry());
        writer.Start();

        for (var i = 0; i < 230; i++)
        {
            Assert.True(writer.TryEnqueue(TestAlerts.Make(sid: i)));
        }

        Assert.True(writer.TryEnqueue(new FlowEdgeDelta("a", "b", VerdictCounts.Of(AlertVerdict.Allowed, 7), TestAlerts.BaseTime, TestAlerts.BaseTime)));
        Assert.True(writer.TryEnqueue(new BaselineDelta("a", "b", "GET", "/", 7, TestAlerts.BaseTime, TestAlerts.BaseTime)));
        await writer.FlushAsync();

        var stats = writer.GetStats();
        Assert.Equal(230, await store.CountAlertsAsync(AlertFilter.All));
        Assert.Equal((230L, 232L, 0L, 0L), (stats.AlertsWritten, stats.ItemsWritten, stats.QueuedItems, stats.QueuedBytes));
        Assert.True(stats.Batches >= 5, $"at most 50 items per batch, so at least 5 batches; got {stats.Batches}");
        Assert.Equal(0, stats.TotalDropped);
        Assert.Equal(7, (await store.ListEdgesAsync()).Single(e => e.Caller == "a").Counts.Allowed);
    }

    [Fact]
    public async Task Writer_QueueFull_TryEnqueueReturnsFalseAndCountsDrops()
    {
        var (store, _) = await NewStoreAsync();
        await using var writer = new AlertStoreWriter(store, FastRetry(maxItems: 10));

        // Not started: nothing drains, so the bound is all there is.
        var accepted = Enumerable.Range(0, 1000).Count(i => writer.TryEnqueue(TestAlerts.Make(sid: i)));

        Assert.Equal(10, accepted);
        Assert.Equal(990, writer.GetDropped(StoreDropReason.QueueFull));
        Assert.Equal(0, writer.GetDropped(StoreDropReason.StoreDown));
        Assert.Equal(10, writer.GetStats().QueuedItems);

        writer.Start();
        await writer.FlushAsync();
        Assert.Equal(10, await store.CountAlertsAsync(AlertFilter.All));
        Assert.True(writer.TryEnqueue(TestAlerts.Make()));
    }

    [Fact]
    public async Task Writer_ByteBound_DropsLargeAlertsBeforeTheCountBound()
    {
        var (store, _) = await NewStoreAsync();
        var big = TestAlerts.Make(body: new string('x', 50_000));
        await using var writer = new AlertStoreWriter(store, FastRetry(maxItems: 1000, maxBytes: 250_000));

        var accepted = Enumerable.Range(0, 10).Count(_ => writer.TryEnqueue(big));

        Assert.Equal(2, accepted); // ~100 KB each as UTF-16
        Assert.Equal(8, writer.GetDropped(StoreDropReason.QueueFull));
        Assert.True(writer.GetStats().QueuedBytes <= 250_000);
    }

    [Fact]
    public async Task Writer_StoreDown_IngestContinuesDropsCountedThenDrainsWhenBack()
    {
        var (store, location) = await NewStoreAsync();
        await using var writer = new AlertStoreWriter(store, FastRetry(maxItems: 20));
        writer.Start();
        Assert.True(writer.TryEnqueue(TestAlerts.Make(sid: 0)));
        await writer.FlushAsync();

        var outage = await TakeDownAsync(location);
        long accepted = 0;
        try
        {
            Assert.True(writer.TryEnqueue(TestAlerts.Make(sid: 1)));
            accepted++;
            await Wait.UntilAsync(() => !writer.StoreAvailable, "the writer notices the store is down");

            for (var i = 2; i < 500; i++)
            {
                accepted += writer.TryEnqueue(TestAlerts.Make(sid: i)) ? 1 : 0;
            }

            Assert.True(accepted <= 20, $"accepted {accepted} with a bound of 20");
            Assert.Equal(498 - (accepted - 1), writer.GetDropped(StoreDropReason.StoreDown));
            Assert.Equal(0, writer.GetDropped(StoreDropReason.QueueFull));
            Assert.True(writer.GetStats().WriteErrors > 0);
        }
        finally
        {
            await outage.DisposeAsync();
        }

        await writer.FlushAsync();
        Assert.True(writer.StoreAvailable);
        Assert.Equal(1 + accepted, await store.CountAlertsAsync(AlertFilter.All));
        Assert.Equal(1 + accepted, writer.GetStats().AlertsWritten);
        Assert.Equal(0, writer.GetStats().QueuedItems);
    }

    [Fact]
    public async Task Writer_StoreUnreachableAtStart_InitializesWhenItComesBack()
    {
        var location = await NewDatabaseAsync();
        var store = Own(Open(location));
        var outage = await TakeDownAsync(location);
        await using var writer = new AlertStoreWriter(store, FastRetry());
        writer.Start();
        Assert.True(writer.TryEnqueue(TestAlerts.Make()));
        await Wait.UntilAsync(() => writer.GetStats().WriteErrors > 0, "a failed first attempt");
        Assert.Equal(1, writer.GetStats().QueuedItems);

        await outage.DisposeAsync();
        await writer.FlushAsync();

        Assert.Equal(1, await store.CountAlertsAsync(AlertFilter.All));
    }

    [Fact]
    public async Task Writer_RowRefusedByTheDatabase_OnlyThatOneDroppedRestOfBatchWritten()
    {
        var (store, location) = await NewStoreAsync();
        await RejectSidAsync(location, 666);
        await using var writer = new AlertStoreWriter(store, FastRetry());
        for (var i = 0; i < 20; i++)
        {
            Assert.True(writer.TryEnqueue(TestAlerts.Make(sid: i == 7 ? 666 : i)));
        }

        writer.Start(); // after enqueueing: all twenty go in one batch
        await writer.FlushAsync();

        var stats = writer.GetStats();
        Assert.Equal(19, await store.CountAlertsAsync(AlertFilter.All));
        Assert.DoesNotContain(666, (await AllAsync(store)).Select(a => a.Sid));
        Assert.Equal((1L, 19L, 0L), (writer.GetDropped(StoreDropReason.Rejected), stats.AlertsWritten, stats.QueuedItems));
        Assert.True(writer.StoreAvailable);
    }

    [Fact]
    public async Task EdgeAccumulator_FlushedThroughTheWriter_StoredEdgesAddUp()
    {
        var (store, _) = await NewStoreAsync();
        var edges = new FlowEdgeAccumulator();
        await using var writer = new AlertStoreWriter(store, FastRetry(maxItems: 1));
        for (var i = 0; i < 10; i++)
        {
            edges.Record("spiffe://c/ns/a/sa/x"u8, "reviews"u8, i < 7 ? AlertVerdict.Allowed : AlertVerdict.Denied);
        }

        edges.Record("spiffe://c/ns/a/sa/y"u8, "reviews"u8, AlertVerdict.WouldDeny);

        // The writer is not started and holds one item: the second edge is refused and must be kept, not lost.
        Assert.Equal(1, edges.FlushTo(writer));
        writer.Start();
        await writer.FlushAsync();
        Assert.Equal(1, edges.FlushTo(writer));
        await writer.FlushAsync();

        var stored = (await store.ListEdgesAsync()).ToDictionary(e => e.Caller, e => e.Counts);
        Assert.Equal(new VerdictCounts(0, 7, 3, 0, 0, 0), stored["spiffe://c/ns/a/sa/x"]);
        Assert.Equal(new VerdictCounts(0, 0, 0, 1, 0, 0), stored["spiffe://c/ns/a/sa/y"]);
    }

    [Fact]
    public async Task Writer_Disposed_DrainsThenRefuses()
    {
        var (store, _) = await NewStoreAsync();
        var writer = new AlertStoreWriter(store, FastRetry());
        writer.Start();
        for (var i = 0; i < 100; i++)
        {
            writer.TryEnqueue(TestAlerts.Make(sid: i));
        }

        await writer.DisposeAsync();

        Assert.Equal(100, await store.CountAlertsAsync(AlertFilter.All));
        Assert.False(writer.TryEnqueue(TestAlerts.Make()));
        Assert.Equal(1, writer.GetDropped(StoreDropReason.Stopped));
        await writer.DisposeAsync(); // the host stops it, then the container disposes it again
    }

    [Fact]
    public async Task Writer_ConcurrentProducers_EveryAcceptedAlertStoredOnce()
    {
        var (store, _) = await NewStoreAsync();
        await using var writer = new AlertStoreWriter(store, FastRetry(maxItems: 300));
        writer.Start();

        var accepted = await Task.WhenAll(Enumerable.Range(0, 4).Select(p => Task.Run(() =>
            Enumerable.Range(0, 500).Count(i => writer.TryEnqueue(TestAlerts.Make(sid: (p * 1000) + i))))));
        await writer.FlushAsync();

        var stored = await AllAsync(store);
        Assert.Equal(accepted.Sum(), stored.Count);
        Assert.Equal(stored.Count, stored.Select(a => a.Sid).Distinct().Count());
        Assert.Equal(2000 - accepted.Sum(), writer.GetStats().TotalDropped);
    }

    [Fact]
    public async Task Writer_RedactionOn_SecretsReplacedBeforeStoring()
    {
        var (store, _) = await NewStoreAsync();
        await using var writer = new AlertStoreWriter(store, FastRetry());
        writer.Start();
        writer.TryEnqueue(Secretive());
        await writer.FlushAsync();

        var stored = (await AllAsync(store)).Single();

        Assert.True(stored.Redacted);
        var all = string.Join("\n", stored.Request.Headers.Select(h => h.Name + ": " + h.Value)) + stored.Request.Path + stored.Request.RequestLine
            + stored.Request.BodyExcerpt + stored.Evidence!.Excerpt + stored.EveJson;
        foreach (var secret in SecretsIn)
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        }

        Assert.Equal("' OR 1=1--", stored.Evidence.Excerpt.Substring(stored.Evidence.Offset, stored.Evidence.Length));
        Assert.Contains("Bearer [redacted]", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writer_RedactionOff_StoredAsReceived()
    {
        var (store, _) = await NewStoreAsync();
        await using var writer = new AlertStoreWriter(store, FastRetry() with { Redaction = new EastWestIds.Storage.Redaction.RedactionOptions { Enabled = false } });
        writer.Start();
        var original = Secretive();
        writer.TryEnqueue(original);
        await writer.FlushAsync();

        var stored = (await AllAsync(store)).Single();

        Assert.False(stored.Redacted);
        Assert.Equal(original.Request.Headers, stored.Request.Headers);
        Assert.Equal(original.Evidence, stored.Evidence);
        Assert.Equal(original.EveJson, stored.EveJson);
        Assert.Equal(original.Request.Path, stored.Request.Path);
    }

    private static readonly string[] SecretsIn = ["s3cr3t-bearer", "sessvalue123", "tok-in-query", "hunter2", "eyJzdWIiOiJhbGljZSJ9", "sigpart"];

    private static AlertRecord Secretive()
    {
        const string jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.sigpart";
        var cookie = "session=sessvalue123' OR 1=1--; theme=dark";
        return TestAlerts.Make(
            path: "/login?access_token=tok-in-query&next=/home",
            headers:
            [
                new HeaderField("Authorization", "Bearer s3cr3t-bearer"),
                new HeaderField("Cookie", cookie),
                new HeaderField("x-request-id", "abc"),
            ],
            body: "user=alice&password=hunter2&token2=" + jwt,
            evidence: new AlertEvidence("http.cookie", cookie, cookie.IndexOf('\'', StringComparison.Ordinal), "' OR 1=1--".Length),
            eve: """{"event_type":"alert","http":{"url":"/login?access_token=tok-in-query&next=/home","request_headers":[{"name":"Cookie","value":"session=sessvalue123"}]}}""");
    }
}
