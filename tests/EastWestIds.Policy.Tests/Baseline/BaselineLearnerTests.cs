using System.Text;
using EastWestIds.Policy.Baseline;
using EastWestIds.TestCommon;

namespace EastWestIds.Policy.Tests.Baseline;

public class BaselineLearnerTests
{
    private static readonly byte[] ProductPage = "spiffe://cluster.local/ns/bookinfo/sa/productpage"u8.ToArray();
    private static readonly byte[] Reviews = "reviews.bookinfo.svc.cluster.local"u8.ToArray();
    private static readonly byte[] Ratings = "ratings.bookinfo.svc.cluster.local"u8.ToArray();

    private static EdgeObservation Observe(BaselineLearner learner, byte[] callee, string method, string path, byte[]? caller = null)
        => learner.Observe(caller ?? ProductPage, callee, Encoding.ASCII.GetBytes(method), Encoding.ASCII.GetBytes(path));

    [Fact]
    public void Learning_NewEdgesJoin_SameTemplateIsKnown()
    {
        var learner = new BaselineLearner(100, learning: true);

        Assert.Equal(EdgeObservation.Learned, Observe(learner, Reviews, "GET", "/reviews/0"));
        Assert.Equal(EdgeObservation.Known, Observe(learner, Reviews, "GET", "/reviews/7?x=1"));
        Assert.Equal(EdgeObservation.Learned, Observe(learner, Reviews, "POST", "/reviews/7"));
        Assert.Equal(2, learner.BaselineEdgeCount);
        Assert.Equal(0, learner.NewEdgesReported);
    }

    [Fact]
    public void AfterLearning_NewEdgeIsReportedOnce_KnownStaysQuiet()
    {
        var learner = new BaselineLearner(100, learning: true);
        Observe(learner, Reviews, "GET", "/reviews/0");
        learner.EndLearning();

        Assert.Equal(EdgeObservation.Known, Observe(learner, Reviews, "GET", "/reviews/1"));
        Assert.Equal(EdgeObservation.NewEdge, Observe(learner, Ratings, "GET", "/ratings/1"));
        Assert.Equal(EdgeObservation.AlreadyReported, Observe(learner, Ratings, "GET", "/ratings/2"));
        Assert.Equal(EdgeObservation.AlreadyReported, Observe(learner, Ratings, "GET", "/ratings/3"));
        Assert.Equal(1, learner.NewEdgesReported);
        Assert.Equal(1, learner.BaselineEdgeCount);
        Assert.Equal(2, learner.EdgeCount);
    }

    [Fact]
    public void ReportedEdge_SeenWhileLearningAgain_JoinsTheBaseline()
    {
        var learner = new BaselineLearner(100, learning: false);
        Assert.Equal(EdgeObservation.NewEdge, Observe(learner, Ratings, "GET", "/ratings/1"));
        Assert.Empty(learner.TakeDeltas()); // reported edges are not baseline: nothing to persist

        learner.StartLearning();
        Assert.Equal(EdgeObservation.Learned, Observe(learner, Ratings, "GET", "/ratings/2"));
        learner.EndLearning();
        Assert.Equal(EdgeObservation.Known, Observe(learner, Ratings, "GET", "/ratings/3"));
        Assert.Equal(1, learner.BaselineEdgeCount);
    }

    [Fact]
    public void Cap_NewEdgesPastItAreCountedNotRemembered_OneOverflowReport()
    {
        var learner = new BaselineLearner(2, learning: false);
        Assert.Equal(EdgeObservation.NewEdge, Observe(learner, Ratings, "GET", "/a"));
        Assert.Equal(EdgeObservation.NewEdge, Observe(learner, Ratings, "GET", "/b"));

        Assert.Equal(EdgeObservation.Overflow, Observe(learner, Ratings, "GET", "/c"));
        Assert.Equal(EdgeObservation.Overflow, Observe(learner, Ratings, "GET", "/c"));
        Assert.Equal(EdgeObservation.AlreadyReported, Observe(learner, Ratings, "GET", "/a"));
        Assert.Equal(2, learner.Overflow);
        Assert.Equal(2, learner.EdgeCount);
        Assert.True(learner.TryClaimOverflowReport());
        Assert.False(learner.TryClaimOverflowReport());
    }

    [Fact]
    public void NoEdge_WithoutCallerCalleeOrOriginFormPath()
    {
        var learner = new BaselineLearner(10, learning: true);

        Assert.Equal(EdgeObservation.Skipped, Observe(learner, Reviews, "GET", "/x", caller: []));
        Assert.Equal(EdgeObservation.Skipped, Observe(learner, [], "GET", "/x"));
        Assert.Equal(EdgeObservation.Skipped, Observe(learner, Reviews, "OPTIONS", "*"));
        Assert.Equal(0, learner.EdgeCount);
    }

    [Fact]
    public void LongMethod_IsCut_SoItCannotMakeLongKeys()
    {
        var learner = new BaselineLearner(10, learning: true);
        Observe(learner, Reviews, new string('X', 40), "/x");

        Assert.Equal(new string('X', BaselineLearner.MaxMethodBytes), Assert.Single(learner.Snapshot()).Method);
    }

    [Fact]
    public void TakeDeltas_CountsSinceLastTake_RestorePutsBack()
    {
        var learner = new BaselineLearner(10, learning: true);
        Observe(learner, Reviews, "GET", "/reviews/1");
        Observe(learner, Reviews, "GET", "/reviews/2");
        Observe(learner, Ratings, "GET", "/ratings/2");

        var first = learner.TakeDeltas().OrderBy(d => d.Callee, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [new LearnedEdge("spiffe://cluster.local/ns/bookinfo/sa/productpage", "ratings.bookinfo", "GET", "/ratings/{*}", 1),
             new LearnedEdge("spiffe://cluster.local/ns/bookinfo/sa/productpage", "reviews.bookinfo", "GET", "/reviews/{*}", 2)],
            first);
        Assert.Empty(learner.TakeDeltas());

        learner.Restore(first[1]);
        Observe(learner, Reviews, "GET", "/reviews/3");
        Assert.Equal(3, Assert.Single(learner.TakeDeltas()).Count);
    }

    [Fact]
    public void Load_StoredEdgesAreKnown_TheirKeysMatchRequestBytes()
    {
        var learner = new BaselineLearner(10, learning: false);
        var refused = learner.Load(
        [
            new LearnedEdge("spiffe://cluster.local/ns/bookinfo/sa/productpage", "reviews.bookinfo.svc.cluster.local", "GET", "/reviews/{*}", 5),
            new LearnedEdge("spiffe://x/y", "svc", "GET", "no-slash", 1),
            new LearnedEdge("spiffe://x/y", "svc", "GET", "/a\n/b", 1),
        ]);

        Assert.Equal(2, refused);
        Assert.Equal(EdgeObservation.Known, Observe(learner, Reviews, "GET", "/reviews/99"));
        Assert.Equal(EdgeObservation.NewEdge, Observe(learner, Reviews, "GET", "/reviews/99/votes"));
    }

    [Fact]
    public void Load_PastTheCap_IsRefused()
    {
        var learner = new BaselineLearner(1, learning: false);
        var refused = learner.Load(
        [
            new LearnedEdge("spiffe://td/ns/a/sa/b", "s.n.svc.cluster.local", "GET", "/a", 1),
            new LearnedEdge("spiffe://td/ns/a/sa/b", "s.n.svc.cluster.local", "GET", "/b", 1),
        ]);

        Assert.Equal(1, refused);
        Assert.Equal(1, learner.BaselineEdgeCount);
    }

    [Fact]
    public void Observe_KnownEdge_AllocatesNothing()
    {
        var learner = new BaselineLearner(10, learning: true);
        var method = "GET"u8.ToArray();
        var path = "/reviews/123?x=1"u8.ToArray();
        learner.Observe(ProductPage, Reviews, method, path);
        var known = 0;
        long allocated = SteadyAllocation.LeastBytes(() =>
        {
            known = 0;
            for (var i = 0; i < 1000; i++)
            {
                known += learner.Observe(ProductPage, Reviews, method, path) == EdgeObservation.Known ? 1 : 0;
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(1000, known);
    }

    [Fact]
    public async Task Observe_ManyThreadsOnOneNewEdge_ReportItOnce()
    {
        var learner = new BaselineLearner(100, learning: false);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 200).Select(i => Observe(learner, Ratings, "GET", $"/ratings/{i}")).ToList())));

        Assert.Equal(1, outcomes.SelectMany(o => o).Count(o => o == EdgeObservation.NewEdge));
        Assert.Equal(1, learner.NewEdgesReported);
    }

    [Fact]
    public void JsonLines_RoundTrip_AndBadLinesNamed()
    {
        var edge = new LearnedEdge("spiffe://cluster.local/ns/bookinfo/sa/productpage", "reviews.bookinfo.svc.cluster.local", "GET", "/reviews/{*}", 12);
        var first = DateTimeOffset.Parse("2026-11-29T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var text = new StringWriter();
        BaselineJsonLines.Write(text, [new BaselineLine(edge, first, first.AddMinutes(10))]);
        var errors = new List<string>();

        var read = BaselineJsonLines.Read(new StringReader(text + "\n{\"caller\":1}\nnot json\n"), "b.jsonl", errors);

        Assert.Equal(new BaselineLine(edge, first, first.AddMinutes(10)), Assert.Single(read));
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("b.jsonl: line 3: needs the strings", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("b.jsonl: line 4: invalid JSON", errors[1], StringComparison.Ordinal);
    }
}
