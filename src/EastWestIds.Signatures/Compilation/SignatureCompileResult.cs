using EastWestIds.Signatures.Loading;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Signatures.Compilation;

/// <summary>What loading and compiling a rule set produced.</summary>
/// <param name="Set">The compiled set; null when there were errors (a set with errors is never used).</param>
/// <param name="Errors">Every load and compile error, each naming file, line and sid.</param>
/// <param name="Warnings">Problems that do not stop the set (pcre on the backtracking engine, …).</param>
public sealed record SignatureCompileResult(
    CompiledSignatureSet? Set,
    IReadOnlyList<SignatureLoadError> Errors,
    IReadOnlyList<SignatureLoadError> Warnings)
{
    /// <summary>Rules of the files that EastWestIds cannot apply by design and did not load (see <see cref="SkippedSignature"/>).</summary>
    public IReadOnlyList<SkippedSignature> Skipped { get; init; } = [];

    /// <summary>True when a set was produced.</summary>
    public bool Succeeded => Set is not null;
}
