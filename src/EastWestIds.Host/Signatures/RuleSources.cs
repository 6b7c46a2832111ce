using EastWestIds.Signatures.Compilation;

namespace EastWestIds.Host.Signatures;

/// <summary>
/// Where the rules come from: the paths given with <c>--rules</c> (files or directories, repeatable), or, when none
/// is given, the <c>signatures/</c> directory shipped next to the binary. A missing path that was asked for is an
/// error; a missing default directory (a build without rules) means running without signatures, said once.
/// </summary>
internal sealed record RuleSources(IReadOnlyList<string> Paths, bool IsDefault, TimeSpan PcreTimeout)
{
    /// <summary>
    /// Whether serve and proxy build every pattern in the background after loading (<c>--rules-warm-up</c>). Off, a
    /// pattern builds inside the first verdict that needs it (5-200 ms for the larger ones, within inline mode's
    /// <c>--inspect-timeout</c>), and memory holds only the patterns traffic has needed: the choice of a deployment
    /// whose memory limit matters more than the first attack's latency.
    /// </summary>
    public bool WarmUp { get; init; } = true;

    /// <summary>The shipped rule directory.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "signatures");

    /// <summary>The sources for <paramref name="paths"/> (empty or null: the default directory).</summary>
    public static RuleSources From(IReadOnlyList<string>? paths, TimeSpan pcreTimeout) =>
        paths is { Count: > 0 }
            ? new RuleSources([.. paths.Select(Path.GetFullPath)], false, pcreTimeout)
            : new RuleSources([DefaultDirectory], true, pcreTimeout);

    /// <summary>True when the default directory is used and does not exist: run without signatures.</summary>
    public bool DefaultMissing => IsDefault && !Directory.Exists(Paths[0]);

    /// <summary>The compiler options these sources compile with.</summary>
    public SignatureCompilerOptions CompilerOptions => SignatureEngineDefaults.Options with { PcreTimeout = PcreTimeout };

    /// <summary>Loads and compiles every rule of these sources (the empty set when the default directory is missing);
    /// on a reload, <paramref name="replacing"/> is the set in force, whose patterns unchanged rules take over.</summary>
    public SignatureCompileResult Load(EastWestIds.Signatures.Matching.CompiledSignatureSet? replacing = null) =>
        DefaultMissing
            ? new SignatureCompileResult(EastWestIds.Signatures.Matching.CompiledSignatureSet.Empty, [], [])
            : SignatureSetLoader.Load(Paths, CompilerOptions with { PatternsFrom = replacing });

    /// <summary>The directories to watch for changes: each directory given, and the directory of each file given.</summary>
    public IEnumerable<string> WatchDirectories() =>
        Paths.Select(p => Directory.Exists(p) ? p : Path.GetDirectoryName(p) ?? ".")
            .Where(Directory.Exists)
            .Distinct(StringComparer.Ordinal);
}
