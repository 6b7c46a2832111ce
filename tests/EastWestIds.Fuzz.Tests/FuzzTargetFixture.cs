namespace EastWestIds.Fuzz.Tests;

/// <summary>One instance of each target for the whole test class: the request targets compile the shipped rules once.</summary>
public sealed class FuzzTargetFixture
{
    private readonly Dictionary<string, IFuzzTarget> _targets = [];
    private readonly Lazy<InspectionHarness> _harness = new(() => InspectionHarness.WithShippedRules(Repo));

    public static string Repo { get; } = RepoRoot.Find();

    /// <summary>A harness with the shipped rules, for the tests that look at outcomes themselves.</summary>
    internal InspectionHarness Harness => _harness.Value;

    internal IFuzzTarget Target(string name)
    {
        lock (_targets)
        {
            if (!_targets.TryGetValue(name, out var target))
            {
                target = FuzzTargets.Create(name, Repo);
                _targets[name] = target;
            }

            return target;
        }
    }

    /// <summary>Every file of the target's folder of <c>fuzz/corpus</c>: the seeds and the inputs that once found a bug.</summary>
    public static IReadOnlyList<(string File, byte[] Bytes)> Corpus(string target) =>
        [.. Directory.EnumerateFiles(Path.Combine(Repo, "fuzz", "corpus", FuzzTargets.CorpusOf(target))).Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllBytes(f)))];

    public static TheoryData<string> Targets => [.. FuzzTargets.Names];
}
