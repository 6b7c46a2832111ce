namespace EastWestIds.Signatures.Loading;

/// <summary>What loading a set of rule files produced.</summary>
/// <param name="Signatures">The valid rules, in file order (files in ordinal path order); each sid once.</param>
/// <param name="Errors">Every problem found; a non-empty list means the set must not be used (startup stops, reload keeps the last good set).</param>
/// <param name="Warnings">Problems that do not stop loading, such as a pcre that needs the backtracking engine.</param>
/// <param name="Skipped">Rules EastWestIds cannot apply (other protocols, responses, state across requests, keywords it does not implement).</param>
public sealed record SignatureLoadResult(
    IReadOnlyList<SignatureConfig> Signatures,
    IReadOnlyList<SignatureLoadError> Errors,
    IReadOnlyList<SignatureLoadError> Warnings,
    IReadOnlyList<SkippedSignature> Skipped)
{
    /// <summary>True when no errors were found.</summary>
    public bool Succeeded => Errors.Count == 0;
}
