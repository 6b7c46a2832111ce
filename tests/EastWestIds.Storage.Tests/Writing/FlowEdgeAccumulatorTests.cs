using System.Text;
using EastWestIds.Storage.Model;
using EastWestIds.Storage.Tests.Fixtures;
using EastWestIds.Storage.Writing;
using EastWestIds.TestCommon;

namespace EastWestIds.Storage.Tests.Writing;

public sealed class FlowEdgeAccumulatorTests
{
    [Fact]
    public void Record_ThenTake_CountsPerEdgeAndVerdictThenRestartsAtZero()
    {
        var time = new ManualTime(TestAlerts.BaseTime);
        var edges = new FlowEdgeAccumulator(timeProvider: time);

        edges.Record("spiffe://c/ns/a/sa/x"u8, "reviews"u8, AlertVerdict.Allowed);
        edges.Record("spiffe://c/ns/a/sa/x"u8, "reviews"u8, AlertVerdict.Denied);
        time.Now = TestAlerts.BaseTime.AddSeconds(5);
        edges.Record("spiffe://c/ns/a/sa/x", "reviews", AlertVerdict.Denied);
        edges.Record("spiffe://c/ns/a/sa/x"u8, "ratings"u8, AlertVerdict.None);

        var deltas = edges.TakeDeltas().OrderBy(d => d.Callee, StringComparer.Ordinal).ToList();

        Assert.Equal(2, deltas.Count);
        // Callees are keyed by Service: a short name resolves in the caller's namespace (a).
        Assert.Equal(("ratings.a", new VerdictCounts(1, 0, 0, 0, 0, 0)), (deltas[0].Callee, deltas[0].Counts));
        Assert.Equal(new FlowEdgeDelta("spiffe://c/ns/a/sa/x", "reviews.a", new VerdictCounts(0, 1, 2, 0, 0, 0), TestAlerts.BaseTime, TestAlerts.BaseTime.AddSeconds(5)), deltas[1]);
        Assert.Empty(edges.TakeDeltas());

        // The next window starts where the last ended.
        edges.Record("spiffe://c/ns/a/sa/x"u8, "reviews"u8, AlertVerdict.Allowed);
        time.Now = TestAlerts.BaseTime.AddSeconds(9);
        var next = Assert.Single(edges.TakeDeltas());
        Assert.Equal((TestAlerts.BaseTime.AddSeconds(5), TestAlerts.BaseTime.AddSeconds(9)), (next.FirstSeen, next.LastSeen));
    }

    [Fact]
    public void Record_EdgesDifferingOnlyInWhereTheySplit_AreDifferentEdges()
    {
        var edges = new FlowEdgeAccumulator();

        edges.Record("ab"u8, "c"u8, AlertVerdict.Allowed);
        edges.Record("a"u8, "bc"u8, AlertVerdict.Allowed);

        Assert.Equal(2, edges.EdgeCount);
    }

    [Fact]
    public void Record_SpellingsOfOneService_OneEdge()
    {
        var edges = new FlowEdgeAccumulator();

        edges.Record("spiffe://cluster.local/ns/bookinfo/sa/productpage"u8, "ratings"u8, AlertVerdict.Allowed);
        edges.Record("spiffe://cluster.local/ns/bookinfo/sa/productpage"u8, "ratings.bookinfo"u8, AlertVerdict.Allowed);
        edges.Record("spiffe://cluster.local/ns/bookinfo/sa/productpage"u8, "Ratings.bookinfo.svc.cluster.local"u8, AlertVerdict.Denied);
        edges.Record("spiffe://cluster.local/ns/shop/sa/cart"u8, "ratings"u8, AlertVerdict.Allowed);

        var deltas = edges.TakeDeltas().ToDictionary(d => (d.Caller, d.Callee), d => d.Counts);
        Assert.Equal(2, deltas.Count);
        Assert.Equal(new VerdictCounts(0, 2, 1, 0, 0, 0), deltas[("spiffe://cluster.local/ns/bookinfo/sa/productpage", "ratings.bookinfo")]);
        Assert.Equal(new VerdictCounts(0, 1, 0, 0, 0, 0), deltas[("spiffe://cluster.local/ns/shop/sa/cart", "ratings.shop")]);
    }

    [Fact]
    public void Record_MoreSpellingsThanRemembered_StillOneEdgeEveryCallCounted()
    {
        // One edge remembers at most four spellings; past that each call builds the key again and must land on the same edge.
        var edges = new FlowEdgeAccumulator(maxEdges: 1);
        string[] spellings = ["ratings", "RATINGS", "Ratings", "rAtings", "raTings", "ratings.bookinfo", "ratings.BOOKINFO.svc", "ratings.bookinfo.svc.cluster.local."];
        for (var round = 0; round < 3; round++)
        {
            foreach (var host in spellings)
            {
                Assert.True(edges.Record(Encoding.UTF8.GetBytes("spiffe://cluster.local/ns/bookinfo/sa/productpage"), Encoding.UTF8.GetBytes(host), AlertVerdict.Allowed));
            }
        }

        Assert.Equal((1, 0L), (edges.EdgeCount, edges.Overflow));
        var delta = Assert.Single(edges.TakeDeltas());
        Assert.Equal(("ratings.bookinfo", 24L), (delta.Callee, delta.Counts.Total));
    }

    [Fact]
    public void Record_ForgedHostLongerThanTheStackBuffer_CountedUnderItsWholeName()
    {
        var edges = new FlowEdgeAccumulator();
        var host = new string('a', 600) + ".b.c";

        edges.Record("caller"u8, Encoding.ASCII.GetBytes(host), AlertVerdict.None);
        edges.Record("caller"u8, Encoding.ASCII.GetBytes(host.ToUpperInvariant()), AlertVerdict.None);

        Assert.Equal((host, 2L), Assert.Single(edges.TakeDeltas()) is var d ? (d.Callee, d.Counts.Total) : default);
    }

    [Fact]
    public void Record_KnownEdge_AllocatesNothing()
    {
        var edges = new FlowEdgeAccumulator();
        var caller = "spiffe://cluster.local/ns/bookinfo/sa/productpage"u8.ToArray();
        var host = "ratings.bookinfo.svc.cluster.local"u8.ToArray();
        edges.Record(caller, host, AlertVerdict.Allowed);
        Action batch = () =>
        {
            for (var i = 0; i < 100; i++)
            {
                edges.Record(caller, host, AlertVerdict.Allowed);
            }
        };

        Assert.Equal(0, SteadyAllocation.LeastBytes(batch));
    }

    [Fact]
    public void Record_PastTheEdgeCap_CountedAsOverflowKnownEdgesStillCounted()
    {
        var edges = new FlowEdgeAccumulator(maxEdges: 3);
        for (var i = 0; i < 10; i++)
        {
            edges.Record(Encoding.UTF8.GetBytes($"caller-{i}"), "svc"u8, AlertVerdict.Allowed);
        }

        Assert.True(edges.Record("caller-0"u8, "svc"u8, AlertVerdict.Allowed));
        Assert.False(edges.Record("caller-99"u8, "svc"u8, AlertVerdict.Allowed));
        Assert.Equal(3, edges.EdgeCount);
        Assert.Equal(8, edges.Overflow);
        Assert.Equal(4, edges.TakeDeltas().Sum(d => d.Counts.Total));
    }

    [Fact]
    public async Task Record_ConcurrentThreadsWhileTaking_EveryCallCountedOnce()
    {
        var edges = new FlowEdgeAccumulator();
        var taken = new List<FlowEdgeDelta>();
        using var stop = new CancellationTokenSource();
        var taker = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                taken.AddRange(edges.TakeDeltas());
                await Task.Delay(1);
            }
        });

        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            var caller = Encoding.UTF8.GetBytes($"caller-{t % 2}");
            for (var i = 0; i < 50_000; i++)
            {
                edges.Record(caller, "svc"u8, (AlertVerdict)(i % 6));
            }
        })));
        await stop.CancelAsync();
        await taker;
        taken.AddRange(edges.TakeDeltas());

        Assert.Equal(200_000, taken.Sum(d => d.Counts.Total));
        Assert.Equal(100_000, taken.Where(d => d.Caller == "caller-1").Sum(d => d.Counts.Total));
    }
}
