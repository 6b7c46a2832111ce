using EastWestIds.Signatures.Matching.Steps;

namespace EastWestIds.Signatures.Matching;

public sealed partial class CompiledSignatureSet
{
    private int _warmUpStarted;
    private LazyRegex[]? _patterns;
    private Dictionary<(string Pattern, System.Text.RegularExpressions.RegexOptions Options, TimeSpan Timeout), LazyRegex>? _patternsByKey;

    /// <summary>Distinct patterns of the set whose regex can run (identical patterns are shared by the rules that use them).</summary>
    public int PatternCount => Patterns.Length;

    /// <summary>Distinct patterns of the set that are built (by a request that needed one, or by the warm-up).</summary>
    public int BuiltPatternCount => Patterns.Count(p => p.IsBuilt);

    /// <summary>Distinct patterns of the set that are not built yet (they build on first use, see <see cref="LazyRegex"/>).</summary>
    public int UnbuiltPatternCount => PatternCount - BuiltPatternCount;

    /// <summary>
    /// Builds, on one background thread below normal priority, every pattern no request has needed yet, so that the
    /// first attack after a start does not pay for building its regexes inside a verdict (inline mode waits for
    /// verdicts under <c>--inspect-timeout</c>). Requests never wait for it: a pattern a request needs first is built
    /// by that request. Calling it again does nothing.
    /// </summary>
    public void WarmUpInBackground()
    {
        if (Interlocked.Exchange(ref _warmUpStarted, 1) == 0)
        {
            _ = BuildUnbuiltPatternsInBackground();
        }
    }

    /// <summary>
    /// Builds every pattern not built yet on one background thread below normal priority (so that serving goes on at
    /// full speed); completes with how many it built. A reload builds the new set's this way before swapping it in.
    /// </summary>
    public Task<int> BuildUnbuiltPatternsInBackground()
    {
        List<LazyRegex> patterns = UnbuiltPatterns();
        if (patterns.Count == 0)
        {
            return Task.FromResult(0);
        }

        var built = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Build(patterns);
                built.SetResult(patterns.Count);
            }
            catch (Exception ex)
            {
                built.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Priority = ThreadPriority.BelowNormal,
            Name = "ewids signature warm-up",
        };
        thread.Start();
        return built.Task;
    }

    /// <summary>Builds, on the calling thread, every pattern not built yet; returns how many it built. For tests and tools.</summary>
    public int BuildUnbuiltPatterns()
    {
        List<LazyRegex> patterns = UnbuiltPatterns();
        Build(patterns);
        return patterns.Count;
    }

    private List<LazyRegex> UnbuiltPatterns() => [.. Patterns.Where(p => !p.IsBuilt)];

    private static void Build(List<LazyRegex> patterns)
    {
        foreach (LazyRegex pattern in patterns)
        {
            _ = pattern.Value;
        }
    }

    /// <summary>This set's pattern with that text, options and timeout, for a set compiled to replace this one
    /// (<see cref="Compilation.SignatureCompilerOptions.PatternsFrom"/>); null when it has none.</summary>
    internal LazyRegex? PatternFor(string pattern, System.Text.RegularExpressions.RegexOptions options, TimeSpan timeout)
    {
        _patternsByKey ??= Patterns.ToDictionary(p => (p.Pattern, p.Options, p.Timeout));
        return _patternsByKey.GetValueOrDefault((pattern, options, timeout));
    }

    private LazyRegex[] Patterns => _patterns ??= [.. DistinctPatterns()];

    private HashSet<LazyRegex> DistinctPatterns()
    {
        var patterns = new HashSet<LazyRegex>(ReferenceEqualityComparer.Instance);
        foreach (CompiledSignature signature in _signatures)
        {
            foreach (BufferProgram program in signature.Programs)
            {
                foreach (MatchStep step in program.Steps.Concat(program.Steps.SelectMany(s => s.Nested)))
                {
                    // A pcre found as a list of literals never runs its regex: building it would only cost memory
                    // (0.8-5 MiB each for the shipped four).
                    // A pcre split at its leading context runs its rest; the whole pattern only after many near
                    // misses in one value (LeadingContext), so it is built then: building both kept 57 MiB more.
                    if (step is PcreStep { Alternation: null } pcre)
                    {
                        patterns.Add(pcre.LeadingContext?.Rest ?? pcre.Pattern);
                    }
                }
            }
        }

        return patterns;
    }
}
