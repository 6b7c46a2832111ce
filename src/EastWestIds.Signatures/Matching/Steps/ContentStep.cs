namespace EastWestIds.Signatures.Matching.Steps;

/// <summary>
/// <c>content</c> with its modifiers, evaluated exactly as Suricata's <c>DetectEngineContentInspection</c> does:
/// <list type="bullet">
/// <item>absolute (<c>offset</c>/<c>depth</c>/<c>startswith</c>): search <c>[offset, offset + depth)</c>; depth counts
/// from the offset, as in Snort and Suricata;</item>
/// <item>relative (<c>distance</c>/<c>within</c>): search from the end of the previous match plus distance (a negative
/// distance reaching before the buffer start is clamped to 0), ending at previous end + distance + within;</item>
/// <item><c>endswith</c>: the match must end at the buffer end (further occurrences are tried);</item>
/// <item>negation: the literal must be absent from the window; a negated content never moves the match position;</item>
/// <item>retry: when the steps after a positive match fail and the next step has <c>within</c> (Suricata's
/// <c>WITHIN_NEXT</c>), the search resumes one byte after this match's start, within the run's step budget.</item>
/// </list>
/// <c>nocase</c> folds ASCII letters only, like Suricata.
/// </summary>
internal sealed class ContentStep : MatchStep
{
    private readonly byte[] _pattern;
    private readonly byte _firstLower;
    private readonly byte _firstUpper;
    private readonly bool _folds;

    public ContentStep(byte[] pattern, bool noCase, bool negated)
    {
        _pattern = pattern;
        NoCase = noCase;
        Negated = negated;
        _firstLower = AsciiFold.Lower(pattern[0]);
        _firstUpper = AsciiFold.Upper(pattern[0]);
        _folds = noCase && AsciiFold.HasLetters(pattern);
    }

    public ReadOnlySpan<byte> Pattern => _pattern;

    public bool NoCase { get; }

    public bool Negated { get; }

    public int Offset { get; init; }

    /// <summary>Depth as written (0 when absent); counted from <see cref="Offset"/>.</summary>
    public int Depth { get; init; }

    public int? Distance { get; init; }

    public int? Within { get; init; }

    public bool EndsWith { get; init; }

    /// <summary>True when this content is the rule's prefilter literal.</summary>
    public bool IsFastPattern { get; init; }

    /// <summary>Suricata's <c>WITHIN_NEXT</c>: the next step is bounded relative to this match, so a later occurrence may help.</summary>
    public bool RetryOnNextFailure { get; private set; }

    public override bool IsRelative => Distance is not null || Within is not null;

    public override bool ProducesEvidence => !Negated;

    // Suricata's DETECT_CONTENT_IS_SINGLE: nothing positions it, so a negated hit decides the whole value.
    private bool IsSingle => !IsRelative && Offset == 0 && Depth == 0;

    public override void Link(MatchStep? next) =>
        RetryOnNextFailure = next is ContentStep { Within: not null };

    public override int Inspect(ref ProgramRun run, int index)
    {
        ReadOnlySpan<byte> data = run.Data;
        int length = data.Length;
        int previousEnd = run.BufferOffset;
        int retryFrom = 0;
        while (true)
        {
            if (!run.Spend())
            {
                return -1;
            }

            long start, end = length;
            if (IsRelative)
            {
                int distance = Distance ?? 0;
                start = distance < 0 && -distance > previousEnd ? 0 : previousEnd + distance;
                if (Within is { } within && end > (long)previousEnd + within + distance)
                {
                    end = Math.Max(0, (long)previousEnd + within + distance);
                }
            }
            else
            {
                start = Offset;
                if (Depth != 0)
                {
                    end = (long)Offset + Depth;
                }

                previousEnd = 0;
            }

            if (retryFrom != 0)
            {
                start = retryFrom;
            }

            end = Math.Min(end, length);
            if (start > end || end == 0)
            {
                return Negated ? run.Continue(index) : 0;
            }

            int found = -1;
            if (!(EndsWith && end < length) && _pattern.Length <= end - start)
            {
                found = Search(data[(int)start..(int)end]);
            }

            if (found < 0)
            {
                if (Negated)
                {
                    return run.Continue(index);
                }

                // An independent content that is absent cannot appear by retrying earlier steps.
                return IsRelative ? 0 : -1;
            }

            int matchStart = (int)start + found;
            int matchEnd = matchStart + _pattern.Length;
            if (Negated)
            {
                if (EndsWith && matchEnd != length)
                {
                    return run.Continue(index);
                }

                return IsSingle ? -1 : 0;
            }

            run.BufferOffset = matchEnd;
            if (!EndsWith || matchEnd == length)
            {
                run.Record(index, matchStart, matchEnd);
                int next = run.Continue(index);
                if (next != 0)
                {
                    return next;
                }

                if (!RetryOnNextFailure)
                {
                    return -1;
                }
            }

            retryFrom = matchStart + 1;
        }
    }

    private int Search(ReadOnlySpan<byte> window)
    {
        if (!_folds)
        {
            return window.IndexOf(_pattern);
        }

        int last = window.Length - _pattern.Length;
        int at = 0;
        while (at <= last)
        {
            int candidate = _firstLower == _firstUpper
                ? window[at..(last + 1)].IndexOf(_firstLower)
                : window[at..(last + 1)].IndexOfAny(_firstLower, _firstUpper);
            if (candidate < 0)
            {
                return -1;
            }

            at += candidate;
            if (AsciiFold.EqualsIgnoreCase(window.Slice(at, _pattern.Length), _pattern))
            {
                return at;
            }

            at++;
        }

        return -1;
    }
}
