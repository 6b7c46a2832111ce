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
    private readonly ulong[] _markedBits = new ulong[(ruleCount + 63) / 64];
    private readonly ulong[] _values = new ulong[ruleCount];
    private int _generation;

    /// <summary>Number of rules marked in this request.</summary>
    public int Count { get; private set; }

    /// <summary>The marked rule indices, in marking order (in rule order once <see cref="SortMarked"/> has run).</summary>
    public Span<int> Marked => _marked.AsSpan(0, Count);

    /// <summary>Starts a new request.</summary>
    public void Reset()
    {
        if (Count > 0)
        {
            Array.Clear(_markedBits);
        }

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

    /// <summary>
    /// Puts <see cref="Marked"/> in rule order and returns it: read off a bit per rule, so the cost is one word per 64
    /// rules of the set plus one step per marked rule (a comparison sort of the ~45 candidates of a benign request was
    /// ~1% of the matcher's time).
    /// </summary>
    public Span<int> SortMarked()
    {
        int count = 0;
        for (int word = 0; word < _markedBits.Length; word++)
        {
            for (ulong bits = _markedBits[word]; bits != 0; bits &= bits - 1)
            {
                _marked[count++] = word << 6 | System.Numerics.BitOperations.TrailingZeroCount(bits);
            }
        }

        return _marked.AsSpan(0, count);
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
            _markedBits[rule >> 6] |= 1UL << rule;
            _values[rule] = values;
        }
        else
        {
            _values[rule] |= values;
        }
    }
}
