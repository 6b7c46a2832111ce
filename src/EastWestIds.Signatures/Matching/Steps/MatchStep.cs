namespace EastWestIds.Signatures.Matching.Steps;

/// <summary>
/// One compiled inspection keyword of a buffer program (content, pcre, isdataat, bsize/urilen, detector). Steps run
/// in the order written, each one handing over to the next through <see cref="ProgramRun.Continue"/>, which is how
/// Suricata's <c>DetectEngineContentInspection</c> recurses: a step that can match at several places tries the next
/// place when a later step that depends on it fails.
/// </summary>
/// <remarks>
/// Return values follow Suricata's: 1 the rest of the program matched; 0 no match here, an earlier step may try its
/// next occurrence; -1 no match and no retry can help (give up the whole value).
/// </remarks>
internal abstract class MatchStep
{
    /// <summary>True when this step positions itself after the previous match (distance/within, pcre R, isdataat relative).</summary>
    public abstract bool IsRelative { get; }

    /// <summary>True for a positive content, pcre or detector: a step whose match position can serve as evidence.</summary>
    public virtual bool ProducesEvidence => false;

    /// <summary>True when the step reads the value as chars (pcre).</summary>
    public virtual bool NeedsChars => false;

    /// <summary>Steps this one runs over data of its own (<c>base64_data</c>'s), which the program's analyses leave out.</summary>
    public virtual IReadOnlyList<MatchStep> Nested => [];

    /// <summary>Evaluates this step at <paramref name="index"/> of the running program, then the steps after it.</summary>
    public abstract int Inspect(ref ProgramRun run, int index);

    /// <summary>Called once the whole program is known, with the step that follows (or null): sets retry flags.</summary>
    public virtual void Link(MatchStep? next)
    {
    }
}
