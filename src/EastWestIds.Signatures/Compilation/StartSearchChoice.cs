using System.Text.RegularExpressions;
using EastWestIds.Signatures.Prefilter;

namespace EastWestIds.Signatures.Compilation;

/// <summary>
/// Whether a NonBacktracking pcre searches for the chars its matches can begin with (.NET's default) or walks every
/// char of the value with its automaton. A pattern whose start chars are common in text walks.
/// </summary>
/// <remarks>
/// <para>Why: in its start state, NonBacktracking looks for the next position a match can begin at. For a set of start
/// chars (not a literal string) that search tests the value char by char against the class when the set has more than
/// five chars, and hands every position it finds to the automaton. A pattern that opens with an alternation of words
/// (<c>\b(?:alert|prompt|eval|…)</c>) can begin with most letters, so in prose it reads 7-14 ns a char where its
/// automaton alone reads ~2.4 (bench/README.md, session 23). Such patterns are built as <c>(?:P)|[^\x00-\xff]</c>: the
/// second branch never matches, since the matcher feeds a regex bytes widened to chars (none above <c>\xff</c>), so
/// every match and its position are P's; but the pattern can now begin with almost any char, and .NET then has no start
/// set worth searching for.</para>
/// <para>Which patterns: those for which .NET would search for a set of chars (not strings) that it tests char by char
/// (more than five chars) or that makes up at least <see cref="MinProseShare"/> of English prose by letter frequency
/// (<see cref="ProseShare"/>): the sets at a fixed distance from a match's start, else the start chars. A pattern whose
/// matches all begin with one of at most 16 literal prefixes keeps its search (.NET finds those with one vectorized
/// <c>SearchValues&lt;string&gt;</c>, faster than any walk), as does one with a few rare start chars (<c>&lt;</c>,
/// <c>%</c>), a rare char at a fixed distance (<c>[\w.-]://</c>), or an anchor at the start (<c>^</c>, <c>\A</c> without
/// an alternative: .NET then tries the first position only).</para>
/// </remarks>
internal static class StartSearchChoice
{
    /// <summary>Share of prose chars at or above which a pattern's start chars are too common to search for.</summary>
    public const double MinProseShare = 0.20;

    /// <summary>Share of prose under which a set .NET tests char by char is still searched faster than walked.</summary>
    public const double MinScalarShare = 0.05;

    /// <summary>Most chars in a set that .NET's start search finds with one vectorized search.</summary>
    private const int MaxVectorizedSetChars = 5;

    /// <summary>True when <paramref name="pattern"/> (NonBacktracking, with <paramref name="options"/>) should walk.</summary>
    public static bool Walks(string pattern, RegexOptions options) =>
        (options & RegexOptions.NonBacktracking) != 0
        && !IsAnchored(pattern)
        && RegexLiterals.LeadingPrefixes(pattern, options) is null
        && RegexLiterals.StartChars(pattern, options) is { } start
        && !SearchesWell(RegexLiterals.FixedDistanceSets(pattern, options) is { Count: > 0 } sets ? sets : [start]);

    /// <summary>
    /// True when .NET's start search skips prose quickly: one of the sets it may search for (those at fixed distances
    /// from a match's start, else the start chars) is rare in prose (under <see cref="MinProseShare"/>), and either
    /// found with one vectorized search (at most five chars, or one range) or rarer still (under
    /// <see cref="MinScalarShare"/>): a larger set is tested char by char, which costs about what walking does.
    /// </summary>
    private static bool SearchesWell(IReadOnlyList<bool[]> sets) =>
        sets.Any(set => ProseShare(set) is var share && share < MinProseShare
            && (share < MinScalarShare || set.Count(c => c) <= MaxVectorizedSetChars || IsOneRange(set)));

    private static bool IsOneRange(bool[] set)
    {
        int first = Array.IndexOf(set, true), last = Array.LastIndexOf(set, true);
        return first >= 0 && Array.IndexOf(set, false, first, last - first + 1) < 0;
    }

    /// <summary>The pattern that walks: <paramref name="pattern"/>'s matches, with a branch no Latin-1 char takes.</summary>
    public static string Walking(string pattern) => $"(?:{pattern})|[^\\x00-\\xff]";

    /// <summary>
    /// The share of English prose made of <paramref name="chars"/> (letters by their frequency in English text, 3% of
    /// them capitals; spaces, line breaks and common punctuation as they occur in prose).
    /// </summary>
    public static double ProseShare(bool[] chars)
    {
        double share = 0;
        for (int c = 0; c < chars.Length && c < 256; c++)
        {
            if (chars[c])
            {
                share += Frequency((char)c);
            }
        }

        return share;
    }

    private static double Frequency(char c)
    {
        const double letters = 0.80;
        int letter = "etaoinshrdlcumwfgypbvkjxqz".IndexOf(char.ToLowerInvariant(c));
        if (letter >= 0 && char.IsAsciiLetter(c))
        {
            return letters * LetterShares[letter] * (char.IsAsciiLetterLower(c) ? 0.97 : 0.03);
        }

        return c switch
        {
            ' ' => 0.15,
            '\n' => 0.01,
            ',' or '.' => 0.008,
            '\'' or '"' or '-' => 0.002,
            >= '0' and <= '9' => 0.0005,
            _ => 0.0002,
        };
    }

    // English letter frequencies (Lewand), in the order of the string above, as shares of all letters.
    private static readonly double[] LetterShares =
    [
        0.127, 0.091, 0.082, 0.075, 0.070, 0.067, 0.063, 0.061, 0.060, 0.043, 0.040, 0.028, 0.028,
        0.024, 0.024, 0.022, 0.020, 0.020, 0.019, 0.015, 0.010, 0.008, 0.0015, 0.0015, 0.001, 0.0007,
    ];

    /// <summary>True when the pattern opens with <c>^</c>, <c>\A</c> or <c>\G</c> and has no top-level alternative.</summary>
    private static bool IsAnchored(string pattern) =>
        (pattern.StartsWith('^') || pattern.StartsWith(@"\A", StringComparison.Ordinal) || pattern.StartsWith(@"\G", StringComparison.Ordinal))
        && !RegexLiterals.HasTopLevelAlternation(pattern);
}
