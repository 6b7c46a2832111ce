using EastWestIds.Signatures.Matching.Steps;

namespace EastWestIds.Signatures.Matching;

public sealed partial class CompiledSignatureSet
{
    private int _warmUpStarted;
    private LazyRegex[]? _patterns;

    /// <summary>Distinct patterns of the set (identical patterns are shared by the rules that use them).</summary>
    public int PatternCount => Patterns.Length;

    /// <summary>Distinct patterns of the set that are built (by a request that needed one, or by the warm-up).</summary>
    public int BuiltPatternCount => Patterns.Count(p => p.IsBuilt);

    /// <summary>Distinct patterns of the set that are not built yet (they build on first use, see <see cref="LazyRegex"/>).</summary>
    public int UnbuiltPatternCount => PatternCount - BuiltPatternCount;

    /// <summary>
    /// Builds, on one background thread below normal priority, every pattern no request has needed yet, so that the
    /// first attack after a start or a reload does not pay for building its regexes inside a verdict (inline mode
    /// waits for verdicts under <c>--inspect-timeout</c>). Requests never wait for it: a pattern a request needs first
    /// is built by that request. Calling it again does nothing.
    /// </summary>
    public void WarmUpInBackground()
    {
        if (Interlocked.Exchange(ref _warmUpStarted, 1) != 0)
        {
            return;
        }

        List<LazyRegex> patterns = [.. Patterns.Where(p => !p.IsBuilt)];
        if (patterns.Count == 0)
        {
            return;
        }

        var thread = new Thread(() => Build(patterns))
        {
            IsBackground = true,
            Priority = ThreadPriority.BelowNormal,
            Name = "ewids signature warm-up",
        };
        thread.Start();
    }

    /// <summary>Builds, on the calling thread, every pattern not built yet; returns how many it built. For tests and tools.</summary>
    internal int BuildUnbuiltPatterns()
    {
        List<LazyRegex> patterns = [.. Patterns.Where(p => !p.IsBuilt)];
        Build(patterns);
        return patterns.Count;
    }

    private static void Build(List<LazyRegex> patterns)
    {
        foreach (LazyRegex pattern in patterns)
        {
            _ = pattern.Value;
        }
    }

    private LazyRegex[] Patterns => _patterns ??= [.. DistinctPatterns()];

    private HashSet<LazyRegex> DistinctPatterns()
    {
        var patterns = new HashSet<LazyRegex>(ReferenceEqualityComparer.Instance);
        foreach (CompiledSignature signature in _signatures)
        {
            foreach (BufferProgram program in signature.Programs)
            {
                foreach (MatchStep step in program.Steps)
                {
                    if (step is PcreStep pcre)
                    {
                        patterns.Add(pcre.Pattern);
                    }
                }
            }
        }

        return patterns;
    }
}
