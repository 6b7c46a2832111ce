using EastWestIds.Signatures.Compilation;
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
    /// sink and proxy): 456 MiB of managed heap on .NET 10.0 for the 273 distinct patterns of 793 rules (session 12:
    /// 467 MiB for 276 of 786 before four literal-list pcre stopped being built, see LiteralAlternation); ~530 MiB in
    /// session 23 for 801 rules, 14 MiB of it the walking forms of 74 patterns (StartSearchChoice); ~80% of it
    /// the NonBacktracking engine's construction caches, which grow with the square of a pattern's distinct
    /// character classes (see <see cref="LazyRegex"/> and bench/README.md, session 7). The bound, 20% over session 12's
    /// figure, leaves ~6% for new rules now; a pattern that alone adds tens of MiB or a runtime that keeps more per
    /// regex shows here.
    /// </summary>
    private const long BoundBytes = 560L << 20;

    [Fact]
    public void BuildingEveryShippedPattern_KeepsLessThanTheBound()
    {
        SignatureCompileResult result = SignatureSetLoader.Load([TestCommon.RepositoryPaths.InRepository("signatures")]);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        CompiledSignatureSet set = result.Set!;
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
