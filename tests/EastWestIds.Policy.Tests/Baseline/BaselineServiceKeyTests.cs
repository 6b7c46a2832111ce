using System.Text;
using EastWestIds.Identity.Callee;
using EastWestIds.Policy.Baseline;
using EastWestIds.TestCommon;

namespace EastWestIds.Policy.Tests.Baseline;

/// <summary>
/// The baseline keys an edge's callee by the Service (<see cref="ServiceKey"/>), not by the host as the caller spelled
/// it: learning <c>ratings</c> and later calling <c>ratings.bookinfo.svc.cluster.local</c> must not be a new edge.
/// </summary>
public sealed class BaselineServiceKeyTests
{
    private const string ProductPage = "spiffe://cluster.local/ns/bookinfo/sa/productpage";

    /// <summary>Every way a caller in bookinfo can name the ratings Service.</summary>
    private static readonly string[] s_ratingsSpellings =
    [
        "ratings",
        "ratings.bookinfo",
        "ratings.bookinfo.svc",
        "ratings.bookinfo.svc.cluster.local",
        "Ratings.BOOKINFO.Svc.cluster.local.",
        "ratings-0.ratings.bookinfo.svc.cluster.local",
        "ratings.bookinfo.svc.other.domain",
    ];

    public static TheoryData<string> RatingsSpellings => new(s_ratingsSpellings);

    private static EdgeObservation Observe(BaselineLearner learner, string host, string path = "/ratings/1", string caller = ProductPage)
        => learner.Observe(Encoding.ASCII.GetBytes(caller), Encoding.ASCII.GetBytes(host), "GET"u8, Encoding.ASCII.GetBytes(path));

    [Theory]
    [MemberData(nameof(RatingsSpellings))]
    public void LearnedByOneSpelling_EveryOtherSpellingIsKnown(string learnedAs)
    {
        var learner = new BaselineLearner(100, learning: true);
        Assert.Equal(EdgeObservation.Learned, Observe(learner, learnedAs));
        learner.EndLearning();

        foreach (var spelling in s_ratingsSpellings)
        {
            Assert.Equal(EdgeObservation.Known, Observe(learner, spelling, "/ratings/7"));
        }

        Assert.Equal(0, learner.NewEdgesReported);
        Assert.Equal("ratings.bookinfo", Assert.Single(learner.Snapshot()).Callee);
    }

    [Theory]
    [InlineData("ratings.other")] // the same name in another namespace
    [InlineData("ratings.other.svc.cluster.local")]
    [InlineData("reviews")] // another Service
    [InlineData("ratings.example.com")] // an external host
    public void AnotherService_IsStillANewEdge(string host)
    {
        var learner = new BaselineLearner(100, learning: true);
        Observe(learner, "ratings");
        learner.EndLearning();

        Assert.Equal(EdgeObservation.NewEdge, Observe(learner, host));
    }

    [Fact]
    public void ShortName_ResolvesInTheCallersNamespace()
    {
        var learner = new BaselineLearner(100, learning: true);
        Observe(learner, "ratings", caller: "spiffe://cluster.local/ns/shop/sa/cart");
        learner.EndLearning();

        Assert.Equal(EdgeObservation.Known, Observe(learner, "ratings.shop", caller: "spiffe://cluster.local/ns/shop/sa/cart"));
        Assert.Equal("ratings.shop", Assert.Single(learner.Snapshot()).Callee);
    }

    [Theory]
    [InlineData("ratings")]
    [InlineData("ratings.bookinfo")]
    [InlineData("ratings.bookinfo.svc.cluster.local")]
    [InlineData("ratings-0.ratings.bookinfo.svc.cluster.local.")]
    [InlineData("api.example.com")]
    [InlineData("10.0.0.12")]
    [InlineData("[fd00::1]")]
    public void LearnedCallee_IsTheServiceKey(string host)
    {
        var learner = new BaselineLearner(100, learning: true);
        Observe(learner, host);

        Assert.Equal(ServiceKey.Of(ProductPage, host), Assert.Single(learner.Snapshot()).Callee);
    }

    [Fact]
    public void Load_OldSpellings_AreNormalizedAndMergedIntoOneEdge()
    {
        // Rows written by builds that keyed the callee as spelled, or as svc.ns.svc.cluster.local.
        var learner = new BaselineLearner(100, learning: false);
        var refused = learner.Load(
        [
            new LearnedEdge(ProductPage, "ratings", "GET", "/ratings/{*}", 3),
            new LearnedEdge(ProductPage, "ratings.bookinfo.svc.cluster.local", "GET", "/ratings/{*}", 5),
            new LearnedEdge(ProductPage, "Ratings.bookinfo", "GET", "/ratings/{*}", 1),
        ]);
        learner.Resume();

        Assert.Equal(0, refused);
        Assert.Equal(1, learner.BaselineEdgeCount);
        Assert.Equal(new LearnedEdge(ProductPage, "ratings.bookinfo", "GET", "/ratings/{*}", 0), Assert.Single(learner.Snapshot()));
        Assert.Equal(EdgeObservation.Known, Observe(learner, "ratings-0.ratings.bookinfo.svc"));
        Assert.Equal(EdgeObservation.Known, Observe(learner, "ratings"));

        // The counts go out under the key, and a refused delta comes back under it whatever its spelling.
        var delta = Assert.Single(learner.TakeDeltas());
        Assert.Equal(new LearnedEdge(ProductPage, "ratings.bookinfo", "GET", "/ratings/{*}", 2), delta);
        learner.Restore(delta with { Callee = "ratings.bookinfo.svc.cluster.local" });
        Assert.Equal(2, Assert.Single(learner.TakeDeltas()).Count);
    }

    [Theory]
    [MemberData(nameof(RatingsSpellings))]
    public void Observe_KnownEdge_AnySpelling_AllocatesNothing(string host)
    {
        var learner = new BaselineLearner(10, learning: true);
        var caller = Encoding.ASCII.GetBytes(ProductPage);
        var hostBytes = Encoding.ASCII.GetBytes(host);
        var method = "GET"u8.ToArray();
        var path = "/ratings/123?x=1"u8.ToArray();
        learner.Observe(caller, "ratings.bookinfo"u8, method, path);
        learner.Observe(caller, hostBytes, method, path); // warm up this spelling's code path
        var known = 0;
        long allocated = SteadyAllocation.LeastBytes(() =>
        {
            known = 0;
            for (var i = 0; i < 1000; i++)
            {
                known += learner.Observe(caller, hostBytes, method, path) == EdgeObservation.Known ? 1 : 0;
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(1000, known);
    }

    [Fact]
    public void Observe_HostAndPrincipalAtTheLimit_NeverOverrunsTheKey()
    {
        // A short name resolves in the caller's namespace: the key can be longer than the host. At the limits the
        // edge is skipped (the key would exceed MaxNameBytes), never a crash.
        var learner = new BaselineLearner(10, learning: true);
        var caller = "spiffe://td/ns/" + new string('n', BaselineLearner.MaxNameBytes - 20) + "/sa/x";
        Assert.Equal(EdgeObservation.Skipped, Observe(learner, new string('h', 63), caller: caller));
        Assert.Equal(EdgeObservation.Learned, Observe(learner, "h", caller: "spiffe://td/ns/" + new string('n', 400) + "/sa/x"));
    }
}
