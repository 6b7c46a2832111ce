namespace EastWestIds.Signatures.Prefilter;

/// <summary>
/// The candidate rules of one request: a generation-stamped flag per rule (no clearing between requests) and the
/// list of marked indices. Owned by one matcher; sized for one compiled set.
/// </summary>
internal sealed class RuleMarks(int ruleCount)
{
    private readonly int[] _stamp = new int[ruleCount];
    private readonly int[] _marked = new int[ruleCount];
    private int _generation;

    /// <summary>Number of rules marked in this request.</summary>
    public int Count { get; private set; }

    /// <summary>The marked rule indices, in marking order.</summary>
    public Span<int> Marked => _marked.AsSpan(0, Count);

    /// <summary>Starts a new request.</summary>
    public void Reset()
    {
        Count = 0;
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_stamp);
            _generation = 1;
        }
    }

    /// <summary>Marks each rule once.</summary>
    public void Mark(ReadOnlySpan<int> rules)
    {
        foreach (int rule in rules)
        {
            Mark(rule);
        }
    }

    /// <summary>Marks one rule once.</summary>
    public void Mark(int rule)
    {
        if (_stamp[rule] != _generation)
        {
            _stamp[rule] = _generation;
            _marked[Count++] = rule;
        }
    }
}
