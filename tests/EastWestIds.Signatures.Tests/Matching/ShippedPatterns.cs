using System.Text.RegularExpressions;
using EastWestIds.Signatures.Compilation;
using EastWestIds.Signatures.Matching;
using EastWestIds.Signatures.Matching.Steps;

namespace EastWestIds.Signatures.Tests.Matching;

/// <summary>The distinct compiled patterns of the shipped rules (signatures/), as the matcher builds them.</summary>
internal static class ShippedPatterns
{
    public static CompiledSignatureSet Set()
    {
        SignatureCompileResult result = SignatureSetLoader.Load([TestCommon.RepositoryPaths.InRepository("signatures")]);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Set!;
    }

    public static List<LazyRegex> All(CompiledSignatureSet set) =>
        [.. set.Signatures
            .SelectMany(s => s.Programs)
            .SelectMany(p => p.Steps)
            .OfType<PcreStep>()
            .Select(p => p.Pattern)
            .Distinct(ReferenceEqualityComparer.Instance)
            .Cast<LazyRegex>()];

    public static List<LazyRegex> NonBacktracking() =>
        [.. All(Set()).Where(p => (p.Options & RegexOptions.NonBacktracking) != 0)];
}
