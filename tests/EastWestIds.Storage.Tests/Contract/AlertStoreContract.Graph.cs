using EastWestIds.Storage.Model;
using EastWestIds.Storage.Tests.Fixtures;

namespace EastWestIds.Storage.Tests.Contract;

public abstract partial class AlertStoreContract
{
    [Fact]
    public async Task Edges_DeltasAndAlerts_AddUpPerEdge()
    {
        var (store, _) = await NewStoreAsync();
        var t = TestAlerts.BaseTime;
        var batch = new StoreBatch();
        batch.Edges.Add(new FlowEdgeDelta("a", "b", VerdictCounts.Of(AlertVerdict.Allowed, 10), t.AddMinutes(1), t.AddMinutes(2)));
        batch.Edges.Add(new FlowEdgeDelta("a", "b", VerdictCounts.Of(AlertVerdict.Denied, 2), t, t.AddMinutes(1)));
        batch.Edges.Add(new FlowEdgeDelta("c", "b", VerdictCounts.Of(AlertVerdict.WouldDeny, 1), t, t));
        batch.Alerts.Add(TestAlerts.Make(caller: "a", callee: "b", at: t.AddMinutes(5)));
        await store.WriteBatchAsync(batch);
        var second = new StoreBatch();
        second.Edges.Add(new FlowEdgeDelta("a", "b", VerdictCounts.Of(AlertVerdict.Unprotected, 3) + VerdictCounts.Of(AlertVerdict.ExtAuthz, 4) + VerdictCounts.Of(AlertVerdict.None, 5), t.AddMinutes(-1), t.AddMinutes(3)));
        await store.WriteBatchAsync(second);

        var edges = await store.ListEdgesAsync();

        Assert.Equal(2, edges.Count);
        var ab = edges[0];
        Assert.Equal(("a", "b"), (ab.Caller, ab.Callee));
        Assert.Equal(new VerdictCounts(5, 10, 2, 0, 4, 3), ab.Counts);
        Assert.Equal(1, ab.Alerts);
        Assert.Equal((t.AddMinutes(-1), t.AddMinutes(5)), (ab.FirstSeen, ab.LastSeen));
        Assert.Equal(new VerdictCounts(0, 0, 0, 1, 0, 0), edges[1].Counts);
        Assert.Equal(["a"], (await store.ListEdgesAsync(since: t.AddMinutes(1))).Select(e => e.Caller));
    }

    [Fact]
    public async Task Baseline_Deltas_AddUpPerShape()
    {
        var (store, _) = await NewStoreAsync();
        var t = TestAlerts.BaseTime;
        var batch = new StoreBatch();
        batch.Baseline.Add(new BaselineDelta("a", "b", "GET", "/reviews/{id}", 3, t, t.AddMinutes(1)));
        batch.Baseline.Add(new BaselineDelta("a", "b", "GET", "/reviews/{id}", 2, t.AddMinutes(-1), t));
        batch.Baseline.Add(new BaselineDelta("a", "b", "POST", "/reviews", 1, t, t));
        batch.Baseline.Add(new BaselineDelta("x", "b", "GET", "/", 1, t, t));
        await store.WriteBatchAsync(batch);
        var again = new StoreBatch();
        again.Baseline.Add(new BaselineDelta("a", "b", "GET", "/reviews/{id}", 5, t.AddMinutes(2), t.AddMinutes(9)));
        await store.WriteBatchAsync(again);

        var entries = await store.ListBaselineAsync(caller: "a");

        Assert.Equal(2, entries.Count);
        Assert.Equal(new BaselineEntry("a", "b", "GET", "/reviews/{id}", 10, t.AddMinutes(-1), t.AddMinutes(9)), entries[0]);
        Assert.Equal("POST", entries[1].Method);
        Assert.Equal(3, (await store.ListBaselineAsync(callee: "b")).Count);
    }
}
