namespace EastWestIds.Signatures.Prefilter;

/// <summary>
/// The candidate rules of one request: a generation-stamped flag per rule (no clearing between requests), the list
/// of marked indices, and per rule the values of its fast-pattern slot in which its literal was found. Owned by one
/// matcher; sized for one compiled set.
/// </summary>
/// <remarks>
/// Values are kept as a 64-bit set: bit <c>v</c> for value <c>v</c> below 63, bit 63 for "some value from 63 on"
/// (those are then all evaluated). A rule marked without a value (always evaluated) gets every bit.
/// </remarks>
internal sealed class RuleMarks(int ruleCount)
{
    /// <summary>The value set that admits every value.</summary>
    public const ulong AllValues = ulong.MaxValue;

    private readonly int[] _stamp = new int[ruleCount];
    private readonly int[] _marked = new int[ruleCount];
    private readonly ulong[] _values = new ulong[ruleCount];
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

    /// <summary>Marks each rule for every value.</summary>
    public void Mark(ReadOnlySpan<int> rules)
    {
        foreach (int rule in rules)
        {
            Mark(rule, AllValues);
        }
    }

    /// <summary>Marks each rule for value <paramref name="value"/> of its fast-pattern slot.</summary>
    public void Mark(ReadOnlySpan<int> rules, int value)
    {
        ulong bit = ValueBit(value);
        foreach (int rule in rules)
        {
            Mark(rule, bit);
        }
    }

    /// <summary>The values a marked rule's literal was found in (see the remarks).</summary>
    public ulong Values(int rule) => _values[rule];

    /// <summary>True when value <paramref name="value"/> is in <paramref name="values"/>.</summary>
    public static bool Contains(ulong values, int value) => (values & ValueBit(value)) != 0;

    private static ulong ValueBit(int value) => 1UL << Math.Min(value, 63);

    private void Mark(int rule, ulong values)
    {
        if (_stamp[rule] != _generation)
        {
            _stamp[rule] = _generation;
            _marked[Count++] = rule;
            _values[rule] = values;
        }
        else
        {
            _values[rule] |= values;
        }
    }
}
