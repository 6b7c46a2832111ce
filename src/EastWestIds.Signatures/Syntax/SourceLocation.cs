namespace EastWestIds.Signatures.Syntax;

/// <summary>Where a syntax element starts: file, 1-based physical line and column (continuation lines keep their own line).</summary>
/// <param name="File">The rule file's path as given to the parser.</param>
/// <param name="Line">1-based physical line.</param>
/// <param name="Column">1-based column on that line.</param>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
