using EastWestIds.Signatures.Matching;

namespace EastWestIds.Signatures.Tests.Matching;

/// <summary>Alone in its collection: it reads the whole managed heap, which tests running beside it would move.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasuringCollection
{
    public const string Name = "heap measuring";
}

[Collection(HeapMeasuringCollection.Name)]
public sealed class ShippedFootprintTests
{
    /// <summary>
    /// What the shipped set's regexes keep once all are built (what <c>WarmUpInBackground</c> leaves in every
    /// sink and proxy): 448 MiB of managed heap on .NET 10.0 for 276 distinct patterns, ~80% of it the
    /// NonBacktracking engine's construction caches (see <see cref="Latin1Pattern"/> and bench/README.md, session 7).
    /// The bound leaves 25% headroom for new rules; a pattern that alone adds tens of MiB (a huge alternation of
    /// distinct chars, Unicode classes spelled back in) or a runtime that keeps more per regex shows here.
    /// </summary>
    private const long BoundBytes = 560L << 20;

    [Fact]
    public void BuildingEveryShippedPattern_KeepsLessThanTheBound()
    {
        CompiledSignatureSet set = ShippedPatterns.Set();
        long before = GC.GetTotalMemory(forceFullCollection: true);

        int built = set.BuildUnbuiltPatterns();
        long after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(set);

        long kept = after - before;
        Assert.True(built > 200, $"only {built} patterns built");
        Assert.Equal(0, set.UnbuiltPatternCount);
        Assert.True(kept < BoundBytes, $"the {built} shipped patterns keep {kept >> 20} MiB once built (bound {BoundBytes >> 20} MiB)");
    }
}
