using System.Text.RegularExpressions;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// Tells, from the pattern text alone, whether <see cref="RegexOptions.NonBacktracking"/> can run a pattern.
/// </summary>
/// <remarks>
/// Why not just construct the NonBacktracking regex and catch <see cref="NotSupportedException"/>: constructing one
/// costs about 9 ms per pattern (its symbolic automaton and character-class minterms), which made loading the
/// shipped rules take ~10 s; the backtracking parser, which validates the syntax, takes ~0.05 ms. The constructs
/// .NET's NonBacktracking engine refuses are few and visible in the text: backreferences, lookarounds, atomic
/// groups, conditionals, balancing groups and <c>\G</c>. A miss here is harmless: the matcher builds its regex
/// lazily and falls back to the backtracking engine (under the match timeout) if NonBacktracking refuses it.
/// </remarks>
internal static class NonBacktrackingSupport
{
    /// <summary>Why NonBacktracking cannot run <paramref name="pattern"/>, or null when it can (as far as the text tells).</summary>
    public static string? Rejection(string pattern)
    {
        bool inClass = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                char e = pattern[++i];
                if (!inClass)
                {
                    if (e is >= '1' and <= '9')
                    {
                        return "backreference \\" + e;
                    }

                    if (e == 'k' && i + 1 < pattern.Length && pattern[i + 1] is '<' or '\'' or '{')
                    {
                        return "named backreference \\k";
                    }

                    if (e == 'G')
                    {
                        return "anchor \\G";
                    }
                }

                continue;
            }

            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                }

                continue;
            }

            if (c == '[')
            {
                inClass = true;
                // A ']' right after '[' or '[^' is a literal member of the class.
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    i++;
                }

                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    i++;
                }

                continue;
            }

            if (c == '(' && i + 2 < pattern.Length && pattern[i + 1] == '?' && GroupRejection(pattern.AsSpan(i + 2)) is { } why)
            {
                return why;
            }
        }

        return null;
    }

    private static string? GroupRejection(ReadOnlySpan<char> rest) => rest switch
    {
        ['=', ..] => "lookahead (?=",
        ['!', ..] => "negative lookahead (?!",
        ['<', '=', ..] => "lookbehind (?<=",
        ['<', '!', ..] => "negative lookbehind (?<!",
        ['>', ..] => "atomic group (?>",
        ['(', ..] => "conditional (?(",
        ['<', ..] or ['\'', ..] when IsBalancing(rest) => "balancing group",
        _ => null,
    };

    private static bool IsBalancing(ReadOnlySpan<char> rest)
    {
        char close = rest[0] == '<' ? '>' : '\'';
        int end = rest[1..].IndexOf(close);
        return end > 0 && rest[1..(end + 1)].Contains('-');
    }
}
