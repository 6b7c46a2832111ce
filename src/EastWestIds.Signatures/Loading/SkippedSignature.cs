namespace EastWestIds.Signatures.Loading;

/// <summary>A rule that was skipped, not loaded: where it is, its sid when it has one, and why.</summary>
/// <param name="File">The rule file.</param>
/// <param name="Line">The rule's first line.</param>
/// <param name="Sid">The rule's sid, when it has a readable one.</param>
/// <param name="Kind">Why, in a word.</param>
/// <param name="Subject">The protocol or keyword that decided it (<c>tcp</c>, <c>flowbits</c>, <c>http.stat_code</c>).</param>
/// <param name="Reason">Why, in a sentence.</param>
public sealed record SkippedSignature(string File, int Line, long? Sid, SkipKind Kind, string Subject, string Reason)
{
    /// <summary>Formatted like a load error: <c>file:line: sid N: skipped: reason</c>.</summary>
    public override string ToString() => $"{File}:{Line}: {(Sid is { } sid ? $"sid {sid}: " : "")}skipped: {Reason}";

    /// <summary>
    /// One line per kind for a load's summary, e.g. <c>1200 rules for other protocols (tcp 900, dns 300)</c>; empty
    /// when nothing was skipped.
    /// </summary>
    public static IReadOnlyList<string> Summary(IReadOnlyCollection<SkippedSignature> skipped) =>
    [
        .. skipped.GroupBy(s => s.Kind).OrderBy(g => g.Key).Select(g => g.Key switch
        {
            SkipKind.OtherProtocol => $"{g.Count()} for other protocols ({Tally(g)})",
            SkipKind.Response => $"{g.Count()} that inspect responses ({Tally(g)})",
            SkipKind.CrossRequestState => $"{g.Count()} that need state across requests ({Tally(g)})",
            _ => $"{g.Count()} with keywords EastWestIds does not implement ({Tally(g)})",
        }),
    ];

    private static string Tally(IEnumerable<SkippedSignature> skipped) =>
        string.Join(", ", skipped.GroupBy(s => s.Subject, StringComparer.OrdinalIgnoreCase).OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
}
