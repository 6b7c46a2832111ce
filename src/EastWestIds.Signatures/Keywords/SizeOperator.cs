namespace EastWestIds.Signatures.Keywords;

/// <summary>The comparison of a <see cref="SizeComparison"/>.</summary>
public enum SizeOperator
{
    /// <summary><c>N</c></summary>
    Equal,

    /// <summary><c>&lt;N</c></summary>
    LessThan,

    /// <summary><c>&lt;=N</c></summary>
    LessOrEqual,

    /// <summary><c>&gt;N</c></summary>
    GreaterThan,

    /// <summary><c>&gt;=N</c></summary>
    GreaterOrEqual,

    /// <summary><c>A&lt;&gt;B</c>: strictly between A and B, as in Suricata.</summary>
    Between,
}
