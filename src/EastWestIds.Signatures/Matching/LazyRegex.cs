using System.Text.RegularExpressions;

namespace EastWestIds.Signatures.Matching;

/// <summary>
/// A rule's compiled pattern, built the first time a request needs it and then shared by every worker and every
/// rule with the same pattern and options.
/// </summary>
/// <remarks>
/// Why lazily: building a <see cref="RegexOptions.NonBacktracking"/> regex costs about 9 ms per pattern, and most
/// pcre of a rule set only ever run on the few requests whose prefilter literal hit. Building all ~220 distinct
/// patterns of the shipped set up front took ~2 s per start and per reload (more on a loaded machine); built on
/// first use, a benign workload pays for none of them and an attack for the few it touches, once. Two workers
/// racing on the first use may both build it; one result is kept (both are correct).
/// What a built pattern keeps (measured on .NET 10.0, session 7): NonBacktracking holds on, for the regex's life, the
/// character-set solver it built its minterms with, whose operation cache grows with the square of the number of
/// character classes the pattern distinguishes: ~40 KiB for <c>[\x00-\x1f]</c>, 1-2 MiB for ~25 classes, ~5 MiB
/// for the shipped patterns with 45-55 (a long alternation of words under /i uses every letter). All 276 distinct
/// patterns of the shipped set keep 467 MiB; the backtracking engine would keep 0.6 MiB for all of them.
/// If NonBacktracking refuses a pattern that the text check let through, the pattern runs on the backtracking
/// engine under the match timeout instead: a load cannot fail later than at load time.
/// A pattern that <see cref="Walks"/> is built as <see cref="Compilation.StartSearchChoice.Walking"/> (same matches,
/// no start-char search); if NonBacktracking refuses that form, the pattern itself is built.
/// </remarks>
internal sealed class LazyRegex(string pattern, RegexOptions options, TimeSpan timeout, bool walks = false)
{
    private Regex? _regex;

    public string Pattern { get; } = pattern;

    /// <summary>The options asked for (with <see cref="RegexOptions.NonBacktracking"/> unless the pattern needs backtracking).</summary>
    public RegexOptions Options { get; } = options;

    /// <summary>Match timeout when it runs on the backtracking engine.</summary>
    public TimeSpan Timeout { get; } = timeout;

    /// <summary>True when the NonBacktracking automaton reads every char instead of searching for start chars (<see cref="Compilation.StartSearchChoice"/>).</summary>
    public bool Walks { get; } = walks;

    /// <summary>True once built, if it runs on the backtracking engine (asked for, or NonBacktracking refused it).</summary>
    public bool IsBacktracking => (Value.Options & RegexOptions.NonBacktracking) == 0;

    /// <summary>True once the regex has been built.</summary>
    public bool IsBuilt => Volatile.Read(ref _regex) is not null;

    /// <summary>The regex, built on first use.</summary>
    public Regex Value => Volatile.Read(ref _regex) ?? Build();

    private Regex Build()
    {
        Regex regex;
        if ((Options & RegexOptions.NonBacktracking) != 0)
        {
            regex = (Walks ? NonBacktracking(Compilation.StartSearchChoice.Walking(Pattern)) : null)
                ?? NonBacktracking(Pattern)
                ?? new Regex(Pattern, Options & ~RegexOptions.NonBacktracking, Timeout);
        }
        else
        {
            regex = new Regex(Pattern, Options, Timeout);
        }

        return Interlocked.CompareExchange(ref _regex, regex, null) ?? regex;
    }

    private Regex? NonBacktracking(string pattern)
    {
        try
        {
            return new Regex(pattern, Options);
        }
        catch (NotSupportedException)
        {
            return null; // a construct it lacks, or an automaton past its size limit
        }
    }
}
