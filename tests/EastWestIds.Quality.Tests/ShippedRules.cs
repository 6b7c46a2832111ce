using EastWestIds.Signatures.Matching;

namespace EastWestIds.Quality.Tests;

/// <summary>The shipped rules (signatures/), compiled once for every test of this project.</summary>
internal static class ShippedRules
{
    private static readonly Lazy<CompiledSignatureSet> LazySet = new(() =>
    {
        var errors = new StringWriter();
        CompiledSignatureSet? set = InProcessScan.Compile(RepositoryFiles.InRepository("signatures"), errors);
        return set ?? throw new InvalidOperationException("shipped rules do not load:\n" + errors);
    });

    public static CompiledSignatureSet Set => LazySet.Value;
}
