namespace EastWestIds.Signatures.Matching.Steps;

/// <summary>
/// <c>isdataat:[!]N[,relative]</c>, as Suricata evaluates it: absolute holds when <c>N &lt; length</c>; relative
/// holds when <c>buffer_offset + N &lt;= length</c> (Suricata's test is <c>offset + N &gt; length</c> for "no data").
/// </summary>
internal sealed class IsDataAtStep(int position, bool negated, bool relative) : MatchStep
{
    public override bool IsRelative => relative;

    public override int Inspect(ref ProgramRun run, int index)
    {
        if (!run.Spend())
        {
            return -1;
        }

        bool hasData = relative
            ? (long)run.BufferOffset + position <= run.Data.Length
            : position < run.Data.Length;
        if (hasData == negated)
        {
            // A relative test may hold after a later occurrence of the match before it; an absolute one never will.
            return relative && !negated ? -1 : (relative ? 0 : -1);
        }

        return run.Continue(index);
    }
}
