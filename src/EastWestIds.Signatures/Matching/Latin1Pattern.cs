using System.Text;
using System.Text.RegularExpressions;

namespace EastWestIds.Signatures.Matching;

/// <summary>
/// Rewrites a pcre pattern, for input whose chars are all bytes widened as Latin-1 (0..255), into one that matches
/// exactly the same on such input but whose every character set lies within 0..255 and is spelled out, so that it
/// needs no <see cref="RegexOptions.IgnoreCase"/>.
/// </summary>
/// <remarks>
/// <para>Why: <see cref="RegexOptions.NonBacktracking"/> keeps, for the life of each regex, the binary decision
/// diagrams (BDDs) of its character sets and the cache of every set operation it did while building its
/// minterms. Sets that reach beyond Latin-1 are what makes those large: Unicode <c>\w</c>/<c>\s</c>/<c>\d</c>, and
/// IgnoreCase, which adds the Kelvin sign to <c>k</c>, the long s to <c>s</c> and so on. A set confined to 0..255
/// has a small BDD; the shipped rules' regexes took ~460 MiB built as written. The matcher only ever runs them over
/// <c>Encoding.Latin1</c>-widened bytes (<see cref="Steps.PcreStep"/>), where a char above 255 never occurs, so
/// intersecting every set with 0..255 changes no match.</para>
/// <para>How: only the atoms change (a literal char, an escape, a class, <c>.</c>), one for one; groups,
/// alternation, quantifiers and anchors (<c>^ $ \b \B \A \z \Z</c>) are copied as written, so the regex's structure,
/// and with it which match NonBacktracking reports, stays the same. Each atom's set is read from .NET itself (a
/// backtracking regex of the atom alone, with the pattern's options, tried on each of the 256 chars), so escapes,
/// classes and case folding mean exactly what .NET's parser makes of them. Patterns with constructs this walk does
/// not model (inline options, backreferences, conditionals, class subtraction, <c>x</c> mode) are left as
/// written.</para>
/// </remarks>
internal static class Latin1Pattern
{
    private const RegexOptions AtomOptions = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline;

    /// <summary>
    /// The Latin-1 form of <paramref name="pattern"/> and the options to build it with, or false when the pattern
    /// holds a construct the rewrite does not model (then build it as written).
    /// </summary>
    public static bool TryRewrite(string pattern, RegexOptions options, out string rewritten, out RegexOptions rewrittenOptions)
    {
        rewritten = pattern;
        rewrittenOptions = options;
        if ((options & (RegexOptions.IgnorePatternWhitespace | RegexOptions.ECMAScript | RegexOptions.RightToLeft)) != 0)
        {
            return false;
        }

        var atoms = new Dictionary<string, string?>(StringComparer.Ordinal);
        var result = new StringBuilder(pattern.Length * 2);
        int i = 0;
        while (i < pattern.Length)
        {
            char c = pattern[i];
            int end;
            switch (c)
            {
                case '\\':
                    if (i + 1 >= pattern.Length)
                    {
                        return false;
                    }

                    if (pattern[i + 1] is 'b' or 'B' or 'A' or 'z' or 'Z')
                    {
                        result.Append(pattern, i, 2);
                        i += 2;
                        continue;
                    }

                    end = EscapeEnd(pattern, i);
                    break;
                case '[':
                    end = ClassEnd(pattern, i);
                    break;
                case '(':
                    end = GroupOpenerEnd(pattern, i);
                    if (end < 0)
                    {
                        return false;
                    }

                    result.Append(pattern, i, end - i);
                    i = end;
                    continue;
                case ')' or '|' or '^' or '$' or '*' or '+' or '?':
                    result.Append(c);
                    i++;
                    continue;
                case '{' when QuantifierEnd(pattern, i) is > 0 and int quantifierEnd:
                    result.Append(pattern, i, quantifierEnd - i);
                    i = quantifierEnd;
                    continue;
                default:
                    end = i + 1;
                    break;
            }

            if (end < 0)
            {
                return false;
            }

            string atom = pattern[i..end];
            if (!atoms.TryGetValue(atom, out string? set))
            {
                set = Latin1Set(atom, options);
                atoms.Add(atom, set);
            }

            if (set is null)
            {
                return false;
            }

            result.Append(set);
            i = end;
        }

        rewritten = result.ToString();
        rewrittenOptions = options & ~RegexOptions.IgnoreCase;
        return true;
    }

    /// <summary>The atom's chars among 0..255 as a class (or one escaped char), or null if it has none.</summary>
    private static string? Latin1Set(string atom, RegexOptions options)
    {
        Regex probe;
        try
        {
            probe = new Regex($"\\A(?:{atom})\\z", options & AtomOptions);
        }
        catch (ArgumentException)
        {
            return null;
        }

        Span<bool> member = stackalloc bool[256];
        Span<char> one = stackalloc char[1];
        int count = 0;
        for (int c = 0; c < 256; c++)
        {
            one[0] = (char)c;
            member[c] = probe.IsMatch(one);
            count += member[c] ? 1 : 0;
        }

        if (count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        if (count == 1)
        {
            AppendChar(text, member.IndexOf(true));
            return text.ToString();
        }

        text.Append('[');
        for (int c = 0; c < 256; c++)
        {
            if (!member[c])
            {
                continue;
            }

            int last = c;
            while (last + 1 < 256 && member[last + 1])
            {
                last++;
            }

            AppendChar(text, c);
            if (last > c)
            {
                if (last > c + 1)
                {
                    text.Append('-');
                }

                AppendChar(text, last);
            }

            c = last;
        }

        return text.Append(']').ToString();
    }

    private static void AppendChar(StringBuilder text, int c)
    {
        if (char.IsAsciiLetterOrDigit((char)c))
        {
            text.Append((char)c);
        }
        else
        {
            text.Append("\\x").Append(c.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>End (exclusive) of the escape at <paramref name="start"/>, or -1 for a backreference or one not modelled.</summary>
    private static int EscapeEnd(string pattern, int start)
    {
        int i = start + 1;
        char e = pattern[i];
        switch (e)
        {
            case 'x':
                return i + 3 <= pattern.Length ? i + 3 : -1;
            case 'u':
                return i + 5 <= pattern.Length ? i + 5 : -1;
            case 'c':
                return i + 2 <= pattern.Length ? i + 2 : -1;
            case 'p' or 'P':
                int close = pattern.IndexOf('}', i);
                return i + 1 < pattern.Length && pattern[i + 1] == '{' && close > 0 ? close + 1 : -1;
            case '0':
                // \0 takes up to two more octal digits.
                int end = i + 1;
                while (end < pattern.Length && end < i + 3 && pattern[end] is >= '0' and <= '7')
                {
                    end++;
                }

                return end;
            case >= '1' and <= '9' or 'k' or 'G':
                return -1;
            default:
                return i + 1;
        }
    }

    /// <summary>End (exclusive) of the class opening at <paramref name="start"/>, or -1 (subtraction, unterminated).</summary>
    private static int ClassEnd(string pattern, int start)
    {
        int i = start + 1;
        if (i < pattern.Length && pattern[i] == '^')
        {
            i++;
        }

        // A ']' first in the class is a member.
        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }

        for (; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    i++;
                    break;
                case '[' when pattern[i - 1] == '-':
                    return -1;
                case ']':
                    return i + 1;
            }
        }

        return -1;
    }

    /// <summary>End (exclusive) of a group's opener (<c>(</c>, <c>(?:</c>, <c>(?&lt;name&gt;</c>, lookarounds...), or -1 for one not modelled.</summary>
    private static int GroupOpenerEnd(string pattern, int start)
    {
        if (start + 1 >= pattern.Length || pattern[start + 1] != '?')
        {
            return start + 1;
        }

        ReadOnlySpan<char> rest = pattern.AsSpan(start + 2);
        switch (rest)
        {
            case [':' or '=' or '!' or '>', ..]:
                return start + 3;
            case ['<', '=' or '!', ..]:
                return start + 4;
            case ['<' or '\'', ..]:
                char close = rest[0] == '<' ? '>' : '\'';
                int end = rest[1..].IndexOf(close);
                // A name of letters, digits and '_' (a '-' would be a balancing group).
                return end > 0 && !rest[1..(end + 1)].ContainsAnyExcept(NameChars) ? start + 2 + end + 2 : -1;
            default:
                return -1;
        }
    }

    private static readonly System.Buffers.SearchValues<char> NameChars =
        System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");

    /// <summary>End (exclusive) of a <c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c> quantifier at <paramref name="start"/>, or -1 (then <c>{</c> is a literal).</summary>
    private static int QuantifierEnd(string pattern, int start)
    {
        int i = start + 1;
        int digits = i;
        while (i < pattern.Length && char.IsAsciiDigit(pattern[i]))
        {
            i++;
        }

        if (i == digits || i >= pattern.Length)
        {
            return -1;
        }

        if (pattern[i] == ',')
        {
            i++;
            while (i < pattern.Length && char.IsAsciiDigit(pattern[i]))
            {
                i++;
            }
        }

        return i < pattern.Length && pattern[i] == '}' ? i + 1 : -1;
    }
}
