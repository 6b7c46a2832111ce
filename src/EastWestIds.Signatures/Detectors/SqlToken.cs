namespace EastWestIds.Signatures.Detectors;

/// <summary>One token: its class and where it lies in the input. <see cref="Word"/> marks words that fold with the next one.</summary>
internal readonly record struct SqlToken(SqlTokenType Type, int Start, int Length, SqlWord Word = SqlWord.None)
{
    public int End => Start + Length;
}

/// <summary>Words that change meaning together with their neighbour (<c>UNION ALL</c>, <c>ORDER BY</c>…).</summary>
internal enum SqlWord : byte
{
    None,
    Union,
    All,
    Distinct,
    Order,
    Group,
    By,
}
