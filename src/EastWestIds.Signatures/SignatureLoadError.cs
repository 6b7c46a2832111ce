namespace EastWestIds.Signatures;

/// <summary>
/// One problem found while loading signature files: where it is (file, 1-based line and column), which rule it
/// belongs to when its <c>sid</c> is known, and what is wrong. Loading collects all of them, never just the first.
/// </summary>
/// <param name="File">The rule file's path as given to the loader.</param>
/// <param name="Line">1-based line of the offending element (0 when the problem concerns the whole file).</param>
/// <param name="Column">1-based column of the offending element (0 when unknown).</param>
/// <param name="Sid">The rule's <c>sid</c> when it could be read, otherwise <see langword="null"/>.</param>
/// <param name="Message">What is wrong, in words an analyst can act on.</param>
public sealed record SignatureLoadError(string File, int Line, int Column, long? Sid, string Message)
{
    /// <summary>Formats as <c>file:line:column: sid N: message</c>, the shape compilers and editors understand.</summary>
    public override string ToString()
    {
        string sid = Sid is { } s ? $"sid {s}: " : "";
        return $"{File}:{Line}:{Column}: {sid}{Message}";
    }
}
