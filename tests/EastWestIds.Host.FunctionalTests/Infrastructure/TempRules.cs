using EastWestIds.Host.Signatures;

namespace EastWestIds.Host.FunctionalTests.Infrastructure;

/// <summary>
/// A rule directory of one file written for a test, deleted on dispose: a test's sink loads exactly the rule it
/// checks (its sid says it fired), not the shipped set.
/// </summary>
internal sealed class TempRules : IDisposable
{
    public TempRules(string rules)
    {
        Path = Directory.CreateTempSubdirectory("ewids-rules-").FullName;
        File.WriteAllText(System.IO.Path.Combine(Path, "test.rules"), rules + "\n");
    }

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <summary>The directory as the sink's rule sources (pcre bounded at 10 ms, as in production).</summary>
    public RuleSources Sources => RuleSources.From([Path], TimeSpan.FromMilliseconds(10));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
