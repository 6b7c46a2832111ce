using System.Text.RegularExpressions;

namespace EastWestIds.Signatures.Matching.Steps;

/// <summary>
/// A pcre of the shape <c>(?:^|[C])REST</c>, found by searching for REST alone and then looking at the char before
/// it: the match starts there when that char is one of <c>C</c>, or at REST when <c>^</c> holds there.
/// </summary>
/// <remarks>
/// <para>Why: the rules write a lookbehind this way (a scheme after a space, a quote or <c>=</c>; a command after a
/// separator). NonBacktracking leaves its start state at every char of <c>C</c>, so it cannot skip ahead to REST's
/// literals and reads prose at 7-14 ns a char; REST alone runs at ~2 (bench/README.md, session 21).</para>
/// <para>Why it is exact: every match of the pattern starts at s with either <c>^</c> at s and REST matching at s, or
/// the char at s in <c>C</c> and REST matching at s + 1. So if p is the leftmost start of a REST match at or after the
/// search's position, no match starts before p - 1, and the candidates at p are p - 1 (C) and p (<c>^</c>). If
/// neither holds, the next REST start is searched after p. At a start the regex takes <c>^</c> first, which only
/// matters at p itself, and p - 1 cannot open with <c>^</c> then, since REST does not match at p - 1 (p is the
/// leftmost, or p - 1 was tried). The match's end is REST's own from p, which is what the whole pattern's
/// left-to-right priority gives once its first part is taken. REST is searched in the whole value from a start
/// position, so its assertions (<c>\b</c>, lookbehinds) see the same chars as inside the whole pattern.</para>
/// <para>Bounded: after <see cref="MaxRestSearches"/> REST starts without context, the whole pattern takes over from
/// the last one's char (a match may still start there, with C): a value of many long REST matches would otherwise be
/// read again from each start. The whole pattern is built then, not by the warm-up (it keeps 2-3 MiB).</para>
/// </remarks>
internal sealed partial class LeadingContext
{
    /// <summary>REST starts tried before the whole pattern searches the rest of the value.</summary>
    public const int MaxRestSearches = 8;

    private const string Opening = "(?:^|[";

    private readonly bool[] _context;
    private readonly bool _multiline;

    private LeadingContext(LazyRegex rest, bool[] context, bool multiline)
    {
        Rest = rest;
        _context = context;
        _multiline = multiline;
    }

    /// <summary>The pattern without its leading group.</summary>
    public LazyRegex Rest { get; }

    /// <summary>
    /// The split of <paramref name="pattern"/> when it opens with <c>(?:^|[C])</c> and the rest has no top-level
    /// alternative, no quantifier on the group and nothing this reading cannot take (extended syntax, ECMAScript, a
    /// class subtraction); else null. <paramref name="regex"/> makes the rest's regex (shared like every pattern).
    /// </summary>
    public static LeadingContext? TryCreate(string pattern, RegexOptions options, Func<string, LazyRegex> regex)
    {
        if ((options & (RegexOptions.IgnorePatternWhitespace | RegexOptions.ECMAScript | RegexOptions.RightToLeft)) != 0
            || !pattern.StartsWith(Opening, StringComparison.Ordinal)
            || ClassEnd(pattern, Opening.Length) is not int classEnd
            || classEnd + 1 >= pattern.Length || pattern[classEnd + 1] != ')')
        {
            return null;
        }

        string rest = pattern[(classEnd + 2)..];
        if (rest.Length == 0 || rest[0] is '?' or '*' or '+' or '{' || !HasNoTopLevelAlternative(rest)
            || rest.Contains("(?#", StringComparison.Ordinal) || InlineExtended().IsMatch(rest))
        {
            return null; // a quantified group, an alternative the group does not open, or comments this reading skips
        }

        string set = pattern[(Opening.Length - 1)..(classEnd + 1)];
        Regex member;
        try
        {
            member = new Regex($"\\A{set}\\z", options & (RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
        }
        catch (ArgumentException)
        {
            return null; // the class was not read as .NET reads it
        }

        var context = new bool[256];
        for (int c = 0; c < context.Length; c++)
        {
            context[c] = member.IsMatch(((char)c).ToString());
        }

        return new LeadingContext(regex(rest), context, (options & RegexOptions.Multiline) != 0);
    }

    /// <summary>
    /// The whole pattern's leftmost match in <paramref name="slice"/> from <paramref name="from"/> on, as
    /// <paramref name="whole"/> would find it (built here only if the search falls back to it).
    /// </summary>
    public bool TryFind(ReadOnlySpan<char> slice, int from, LazyRegex whole, out int start, out int length)
    {
        Regex rest = Rest.Value;
        int at = from;
        for (int tries = 0; tries < MaxRestSearches; tries++)
        {
            if (at > slice.Length || !rest.IsMatch(slice, at))
            {
                start = length = 0;
                return false;
            }

            ValueMatch match = First(rest, slice, at);
            int p = match.Index;
            if (p > from && slice[p - 1] >= _context.Length)
            {
                break; // a char past Latin-1 (never in a widened value): the whole pattern decides
            }

            if (p > from && _context[slice[p - 1]])
            {
                start = p - 1;
                length = match.Length + 1;
                return true;
            }

            if (p == 0 || (_multiline && slice[p - 1] == '\n'))
            {
                start = p;
                length = match.Length;
                return true;
            }

            at = p + 1;
        }

        // A match may still start one char before the next REST start, so the whole pattern searches from there.
        foreach (ValueMatch match in whole.Value.EnumerateMatches(slice, Math.Max(from, at - 1)))
        {
            start = match.Index;
            length = match.Length;
            return true;
        }

        start = length = 0;
        return false;
    }

    private static ValueMatch First(Regex regex, ReadOnlySpan<char> slice, int at)
    {
        foreach (ValueMatch match in regex.EnumerateMatches(slice, at))
        {
            return match;
        }

        throw new InvalidOperationException("IsMatch found a match that EnumerateMatches does not"); // cannot happen
    }

    /// <summary>The index of the <c>]</c> that closes the class whose body starts at <paramref name="at"/>, or null.</summary>
    private static int? ClassEnd(string pattern, int at)
    {
        if (at >= pattern.Length || pattern[at] == ']')
        {
            return null; // an empty class or a leading ']': not worth reading
        }

        for (int i = at; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    return null; // a subtraction ([a-z-[aeiou]]) or a nested class
                case ']':
                    return i;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="rest"/> has no <c>|</c> outside its groups and classes (and its parentheses balance).</summary>
    private static bool HasNoTopLevelAlternative(string rest)
    {
        int depth = 0;
        for (int i = 0; i < rest.Length; i++)
        {
            switch (rest[i])
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    if (ClassEnd(rest, rest[Math.Min(i + 1, rest.Length - 1)] == '^' ? i + 2 : i + 1) is not int end)
                    {
                        return false;
                    }

                    i = end;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    if (--depth < 0)
                    {
                        return false;
                    }

                    break;
                case '|' when depth == 0:
                    return false;
            }
        }

        return depth == 0;
    }

    [GeneratedRegex(@"\(\?[a-z-]*x", RegexOptions.CultureInvariant)]
    private static partial Regex InlineExtended();
}
