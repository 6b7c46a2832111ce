namespace EastWestIds.Fuzz;

/// <summary>The targets by name. Building one loads what it needs (the shipped rules for the request targets).</summary>
internal static class FuzzTargets
{
    public static readonly IReadOnlyList<string> Names = ["wire", "body", "encodings", "arguments", "paths", "xfcc", "rules", "recordings", "manifests"];

    /// <summary>
    /// The folder of <c>fuzz/corpus</c> and the dictionary a target starts from: its own, but the encodings target
    /// reads the body target's inputs (the same layout: a Content-Type byte, a choice byte, the body).
    /// </summary>
    public static string CorpusOf(string name) => name == "encodings" ? "body" : name;

    public static IFuzzTarget Create(string name, string repoRoot) => name switch
    {
        "wire" => new WireTarget(InspectionHarness.WithShippedRules(repoRoot)),
        "body" => new BodyTarget(InspectionHarness.WithShippedRules(repoRoot)),
        "encodings" => new EncodingsTarget(InspectionHarness.WithShippedRules(repoRoot)),
        "arguments" => new ArgumentsTarget(InspectionHarness.WithShippedRules(repoRoot)),
        "paths" => new PathsTarget(InspectionHarness.WithShippedRules(repoRoot)),
        "xfcc" => new XfccTarget(),
        "rules" => new RulesTarget(),
        "recordings" => new RecordingsTarget(InspectionHarness.WithShippedRules(repoRoot)),
        "manifests" => new ManifestsTarget(),
        _ => throw new ArgumentException($"unknown fuzz target '{name}' (targets: {string.Join(", ", Names)})", nameof(name)),
    };
}
