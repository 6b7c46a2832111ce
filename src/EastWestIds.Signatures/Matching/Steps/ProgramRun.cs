namespace EastWestIds.Signatures.Matching.Steps;

/// <summary>
/// The state of one buffer program running over one buffer value: the value (bytes, and the same bytes widened to
/// chars for pcre), Suricata's <c>buffer_offset</c> (end of the previous match, for relative steps), a step budget
/// that bounds the retries of relative chains, and where each step matched on the path being tried.
/// </summary>
internal ref struct ProgramRun
{
    /// <summary>Steps a single program may take on one value before it gives up (Suricata's inspection recursion limit is 3000).</summary>
    public const int StepBudget = 3000;

    public ReadOnlySpan<byte> Data;
    public ReadOnlySpan<char> Chars;
    public MatchStep[] Steps;
    public int BufferOffset;
    public int Budget;
    public Span<int> MatchStart;
    public Span<int> MatchEnd;
    public int PcreTimeouts;
    public bool BudgetExhausted;

    /// <summary>The <see cref="CharClasses"/> of <see cref="Data"/> when the matcher knows them, else every class.</summary>
    public ulong Classes = CharClasses.Unknown;

    public ProgramRun(ReadOnlySpan<byte> data, ReadOnlySpan<char> chars, MatchStep[] steps, Span<int> matchStart, Span<int> matchEnd)
    {
        Data = data;
        Chars = chars;
        Steps = steps;
        MatchStart = matchStart;
        MatchEnd = matchEnd;
        Budget = StepBudget;
    }

    /// <summary>Runs the program from its first step.</summary>
    public int Start() => Steps.Length == 0 ? 1 : Steps[0].Inspect(ref this, 0);

    /// <summary>Step <paramref name="index"/> matched: run the steps after it (1 when it was the last).</summary>
    public int Continue(int index) => index + 1 >= Steps.Length ? 1 : Steps[index + 1].Inspect(ref this, index + 1);

    /// <summary>Takes one unit of the budget; false when it is spent (the caller then gives up with -1).</summary>
    public bool Spend()
    {
        if (--Budget >= 0)
        {
            return true;
        }

        BudgetExhausted = true;
        return false;
    }

    /// <summary>Remembers where step <paramref name="index"/> matched on the current path, for evidence.</summary>
    public void Record(int index, int start, int end)
    {
        MatchStart[index] = start;
        MatchEnd[index] = end;
    }
}
