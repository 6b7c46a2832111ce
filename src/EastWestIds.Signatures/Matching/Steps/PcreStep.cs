using System.Buffers;
using System.Text.RegularExpressions;
using EastWestIds.Signatures.Prefilter;

namespace EastWestIds.Signatures.Matching.Steps;

/// <summary>
/// <c>pcre</c>: a .NET regex over the value widened byte-for-char (Latin-1), so char offsets are byte offsets and a
/// match position moves Suricata's <c>buffer_offset</c> exactly like PCRE's byte offsets do (PCRE runs without UTF
/// mode in Suricata too, so <c>.</c> is one byte there as here).
/// </summary>
/// <remarks>
/// <para>Engine: <see cref="RegexOptions.NonBacktracking"/> (time linear in the input) unless the pattern needs
/// backreferences or lookarounds (<c>PcreOption.NonBacktrackingRejection</c>); those run backtracking under a match
/// timeout. A timeout is an outcome, counted in <see cref="ProgramRun.PcreTimeouts"/> and treated as "no match"
/// (negated or not: the rule does not fire on an undecided regex); the exception never leaves this class.</para>
/// <para>Relative (<c>R</c>): the search starts at the end of the previous match (the slice begins there, as Suricata
/// passes <c>buffer + buffer_offset</c> to PCRE). Anchored (<c>A</c>): the pattern was compiled as <c>\A(?:…)</c> and
/// runs on the slice from the start position. When a relative step after a positive match fails, the search is
/// retried from one char after that match's start (Suricata's <c>PCRE_RELATIVE_NEXT</c> loop), within the budget.</para>
/// </remarks>
internal sealed class PcreStep(LazyRegex regex, bool negated, bool relative, bool anchored) : MatchStep
{
    /// <summary>The pattern, built on first use (see <see cref="LazyRegex"/>).</summary>
    public LazyRegex Pattern { get; } = regex;

    /// <summary>The regex (builds it if no request needed it yet).</summary>
    public Regex Regex => Pattern.Value;

    public bool Negated { get; } = negated;

    /// <summary>
    /// Chars at least one of which is in every match (see <c>RegexLiterals.RequiredChars</c>), or null: a value
    /// without any of them cannot match, so the regex does not run (the answer is the same "no match" it would give).
    /// </summary>
    public SearchValues<char>? RequiredChars { get; init; }

    /// <summary>
    /// Literal sets every match holds a literal of each (see <c>RegexLiterals.ExtractAll</c>), case-insensitive: a value
    /// that lacks one cannot match, so the regex does not run. Why: the rule's prefilter literal put the value here, but
    /// the pattern may need more ("select" and "from"); a vectorized search for each costs a fraction of the regex.
    /// Set by the compiler once the rule's fast pattern is known (<see cref="CheckLiterals"/>).
    /// </summary>
    public LiteralSetSearch[] RequiredLiteralSets { get; private set; } = [];

    /// <summary>Most literal searches before the regex (each a vectorized pass over the value).</summary>
    public const int MaxLiteralChecks = 2;

    /// <summary>The pattern's literal sets that are rare enough to search for, rarest first (the compiler's; see <see cref="CheckLiterals"/>).</summary>
    internal IReadOnlyList<RequiredLiteralSet> LiteralCandidates { get; init; } = [];

    /// <summary>
    /// Checks the rarest <see cref="MaxLiteralChecks"/> of <see cref="LiteralCandidates"/> before the regex, but
    /// <paramref name="prefiltered"/> (the literals that made the rule a candidate for this very value: they are there).
    /// Called once, while the rule is compiled.
    /// </summary>
    internal void CheckLiterals(IReadOnlyList<string>? prefiltered) =>
        RequiredLiteralSets = [.. LiteralCandidates.Where(c => prefiltered is null || !RegexLiterals.SameSet(c.Literals, prefiltered))
            .Take(MaxLiteralChecks).Select(c => c.Search)];

    /// <summary>Char sets every match holds one char of each (see <c>RegexLiterals.RequiredCharSets</c>).</summary>
    public IReadOnlyList<string> RequiredCharSets { get; init; } = [];

    /// <summary>
    /// The pattern's whole language when it is a list of literals (see <see cref="LiteralAlternation"/>): found by one
    /// vectorized search instead of the regex, with the same answer. Null for every other pattern.
    /// </summary>
    public LiteralAlternation? Alternation { get; init; }

    /// <summary>
    /// The pattern's rest after a leading one-char context (<c>(?:^|[C])</c>), searched alone with the same answer (see
    /// <see cref="Steps.LeadingContext"/>). Null for every other pattern.
    /// </summary>
    public LeadingContext? LeadingContext { get; init; }

    /// <summary>Literals at least one of which is in every match (see <c>RegexLiterals</c>), or null.</summary>
    public IReadOnlyList<string>? RequiredLiterals { get; init; }

    public override bool IsRelative => relative;

    public override bool ProducesEvidence => !Negated;

    public override bool NeedsChars => true;

    private bool _retryOnNextFailure;
    private bool _isLast;

    public override void Link(MatchStep? next)
    {
        _retryOnNextFailure = next is { IsRelative: true };
        _isLast = next is null;
    }

    public override int Inspect(ref ProgramRun run, int index)
    {
        int previousEnd = run.BufferOffset;
        int sliceStart = relative ? Math.Min(previousEnd, run.Chars.Length) : 0;
        ReadOnlySpan<char> slice = run.Chars[sliceStart..];
        int from = 0;
        while (true)
        {
            if (!run.Spend())
            {
                return -1;
            }

            if (!TryFind(ref run, slice, from, out int start, out int length, out bool timedOut))
            {
                return Negated && !timedOut ? run.Continue(index) : 0;
            }

            if (Negated)
            {
                return 0;
            }

            run.BufferOffset = sliceStart + start + length;
            run.Record(index, sliceStart + start, sliceStart + start + length);
            if (!_retryOnNextFailure)
            {
                return run.Continue(index);
            }

            int next = run.Continue(index);
            if (next != 0)
            {
                return next;
            }

            run.BufferOffset = previousEnd;
            from = start + 1;
            if (from > slice.Length)
            {
                return 0;
            }
        }
    }

    private bool TryFind(ref ProgramRun run, ReadOnlySpan<char> slice, int from, out int start, out int length, out bool timedOut)
    {
        start = 0;
        length = 0;
        timedOut = false;
        if (RequiredChars is { } required && slice[from..].IndexOfAny(required) < 0)
        {
            return false;
        }

        foreach (LiteralSetSearch literals in RequiredLiteralSets)
        {
            if (!literals.Occurs(slice[from..]))
            {
                return false;
            }
        }

        if (Alternation is { } alternation)
        {
            return alternation.TryFind(slice, from, anchored, out start, out length);
        }

        try
        {
            if (anchored)
            {
                // \A(?:…) on the slice from the start position: only a match beginning there counts.
                foreach (ValueMatch m in Regex.EnumerateMatches(slice[from..]))
                {
                    start = from + m.Index;
                    length = m.Length;
                    return true;
                }

                return false;
            }

            if (LeadingContext is { } leading)
            {
                return leading.TryFind(slice, from, Pattern, out start, out length);
            }

            // IsMatch runs only the forward scan; finding where a match starts costs a second pass. Benign values
            // that merely contain a prefilter literal usually stop here.
            if (!Regex.IsMatch(slice, from))
            {
                return false;
            }

            if (_isLast && Negated)
            {
                return true;
            }

            foreach (ValueMatch m in Regex.EnumerateMatches(slice, from))
            {
                start = m.Index;
                length = m.Length;
                return true;
            }

            return false;
        }
        catch (RegexMatchTimeoutException)
        {
            run.PcreTimeouts++;
            timedOut = true;
            return false;
        }
    }
}
