using System.Buffers;
using System.Text.RegularExpressions;

namespace EastWestIds.Signatures.Matching.Steps;

/// <summary>
/// A pcre whose language is a finite list of literals (<c>\r\n(?:content-length|transfer-encoding)\r\n</c>,
/// <c> HTTP\/(?:1\.[01]|2(?:\.0)?)$</c>), found by one vectorized <see cref="SearchValues{T}"/> search (or, for a
/// pattern that ends in <c>$</c>, by comparing the value's end) instead of the regex, with the regex's answer: the
/// leftmost position where a literal occurs and, there, the first literal in the pattern's order (the alternative a
/// regex prefers; the test suite checks this against .NET's regex on random inputs).
/// </summary>
/// <remarks>
/// Why: the NonBacktracking engine costs a few hundred ns per call even on a 100-byte value (200 ns to say it
/// matches, 300 ns more to say where), and such a pcre runs on every request that holds one of its literals: 9402460
/// reads every POST's header names; a <c>$</c>-anchored list is a few compares at the end of the value. The
/// search takes about 40 ns. Classes and <c>?</c> are expanded too: six of the ten shipped literal lists need them.
/// Only ASCII literals when the pcre ignores case (the matcher feeds Latin-1 chars, where .NET's case-insensitive
/// regex and an ordinal ASCII fold then agree).
/// </remarks>
internal sealed class LiteralAlternation
{
    /// <summary>Most literals a pattern may expand to (a product of alternations grows fast).</summary>
    public const int MaxLiterals = 64;

    private readonly string[] _literals;
    private readonly SearchValues<string> _search;
    private readonly StringComparison _comparison;
    private readonly EndAnchor _end;

    private LiteralAlternation(string[] literals, bool ignoreCase, EndAnchor end)
    {
        _literals = literals;
        _end = end;
        _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        _search = SearchValues.Create([.. literals.Distinct(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)], _comparison);
    }

    /// <summary>The literals in the pattern's order of preference.</summary>
    public IReadOnlyList<string> Literals => _literals;

    /// <summary>Where a match must end: anywhere, or at the value's end (<c>$</c> also before a final newline; <c>\z</c> not).</summary>
    private enum EndAnchor
    {
        None,
        Dollar,
        VeryEnd,
    }

    /// <summary>
    /// The literal list of <paramref name="pattern"/> when it is made only of literal chars, simple classes
    /// (<c>[01]</c>, <c>[a-c]</c>), non-capturing groups of alternatives and greedy <c>?</c>, and ends, if anything, in
    /// one <c>$</c> or <c>\z</c> that closes the whole pattern (no other quantifier, anchor or inline option), under
    /// options that cannot change what a literal matches; null otherwise.
    /// </summary>
    public static LiteralAlternation? TryCreate(string pattern, RegexOptions options)
    {
        const RegexOptions harmless = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Multiline |
            RegexOptions.Singleline | RegexOptions.ExplicitCapture | RegexOptions.NonBacktracking;
        if ((options & ~harmless) != 0)
        {
            return null;
        }

        EndAnchor end = EndOf(pattern, out int length);
        if (end == EndAnchor.Dollar && (options & RegexOptions.Multiline) != 0)
        {
            return null; // $ then also matches before every newline
        }

        int at = 0;
        List<string>? literals = Alternation(pattern[..length], ref at);
        if (literals is null || at != length || literals.Count == 0 || literals.Any(l => l.Length == 0))
        {
            return null;
        }

        bool ignoreCase = (options & RegexOptions.IgnoreCase) != 0;
        if (literals.Any(l => l.Any(c => c > (ignoreCase ? '\x7F' : '\xFF'))))
        {
            return null;
        }

        return new LiteralAlternation([.. literals], ignoreCase, end);
    }

    /// <summary>
    /// The end anchor that closes <paramref name="pattern"/> as a whole, and the length of what it anchors: a final
    /// unescaped <c>$</c> or <c>\z</c> outside any group, when no top-level <c>|</c> precedes it (<c>a|b$</c> anchors
    /// only <c>b</c>).
    /// </summary>
    private static EndAnchor EndOf(string pattern, out int length)
    {
        length = pattern.Length;
        EndAnchor end = pattern.EndsWith('$') ? EndAnchor.Dollar
            : pattern.EndsWith(@"\z", StringComparison.Ordinal) ? EndAnchor.VeryEnd
            : EndAnchor.None;
        if (end == EndAnchor.None)
        {
            return end;
        }

        int body = pattern.Length - (end == EndAnchor.Dollar ? 1 : 2);
        int backslashes = 0;
        while (backslashes < body && pattern[body - 1 - backslashes] == '\\')
        {
            backslashes++;
        }

        if (backslashes % 2 != 0)
        {
            return EndAnchor.None; // an escaped $ (or \\z: a backslash, then z) is a literal; Literal() reads it
        }

        int depth = 0;
        bool inClass = false;
        for (int i = 0; i < body; i++)
        {
            char c = pattern[i];
            if (c == '\\')
            {
                i++;
            }
            else if (inClass)
            {
                inClass = c != ']';
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
            else if (c == '|' && depth == 0)
            {
                return EndAnchor.None;
            }
        }

        length = body;
        return end;
    }

    /// <summary>
    /// The regex's first match in <paramref name="input"/> at or after <paramref name="from"/> (only one beginning at
    /// <paramref name="from"/> when <paramref name="anchored"/>).
    /// </summary>
    public bool TryFind(ReadOnlySpan<char> input, int from, bool anchored, out int start, out int length)
    {
        if (_end != EndAnchor.None)
        {
            return TryFindAtEnd(input, from, anchored, out start, out length);
        }

        start = anchored ? from : input[from..].IndexOfAny(_search) is int found and >= 0 ? from + found : -1;
        length = 0;
        if (start < 0)
        {
            return false;
        }

        ReadOnlySpan<char> rest = input[start..];
        foreach (string literal in _literals)
        {
            if (rest.StartsWith(literal, _comparison))
            {
                length = literal.Length;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <see cref="TryFind"/> for a pattern anchored at the end: a match can only end at the value's end (or, for
    /// <c>$</c>, before a final newline), so each literal is compared at the one or two places it would have to start.
    /// The leftmost such start wins and, there, the first literal in the pattern's order, as the regex would choose.
    /// </summary>
    private bool TryFindAtEnd(ReadOnlySpan<char> input, int from, bool anchored, out int start, out int length)
    {
        start = int.MaxValue;
        length = 0;
        bool beforeNewline = _end == EndAnchor.Dollar && input.Length > 0 && input[^1] == '\n';
        foreach (string literal in _literals)
        {
            for (int e = 0; e < (beforeNewline ? 2 : 1); e++)
            {
                int at = input.Length - e - literal.Length;
                if (at >= from && at < start && (!anchored || at == from)
                    && input.Slice(at, literal.Length).Equals(literal, _comparison))
                {
                    (start, length) = (at, literal.Length);
                }
            }
        }

        return start != int.MaxValue;
    }

    /// <summary>Alternatives up to <c>)</c> or the end: the union of their literal lists.</summary>
    private static List<string>? Alternation(string p, ref int at)
    {
        var all = new List<string>();
        while (true)
        {
            List<string>? branch = Sequence(p, ref at);
            if (branch is null)
            {
                return null;
            }

            all.AddRange(branch);
            if (all.Count > MaxLiterals)
            {
                return null;
            }

            if (at < p.Length && p[at] == '|')
            {
                at++;
                continue;
            }

            return all;
        }
    }

    /// <summary>Literal chars and groups up to <c>|</c>, <c>)</c> or the end: the product of their literal lists.</summary>
    private static List<string>? Sequence(string p, ref int at)
    {
        List<string> product = [""];
        while (at < p.Length && p[at] is not ('|' or ')'))
        {
            List<string>? next;
            if (p[at] == '(')
            {
                if (!p.AsSpan(at).StartsWith("(?:"))
                {
                    return null; // capturing, named, lookaround or inline-option group
                }

                at += 3;
                next = Alternation(p, ref at);
                if (next is null || at >= p.Length || p[at] != ')')
                {
                    return null;
                }

                at++;
            }
            else if (p[at] == '[')
            {
                next = Class(p, ref at);
                if (next is null)
                {
                    return null;
                }
            }
            else if (Literal(p, ref at) is char c)
            {
                next = [c.ToString()];
            }
            else
            {
                return null;
            }

            if (at < p.Length && p[at] == '?' && (at + 1 >= p.Length || p[at + 1] is not ('?' or '+')))
            {
                at++;
                next = [.. next, ""]; // greedy: with the item first, as the regex tries it
            }

            if (at < p.Length && p[at] is '?' or '*' or '+' or '{')
            {
                return null; // another quantifier (or a lazy or possessive ?): not a finite literal list worth expanding
            }

            if (product.Count * next.Count > MaxLiterals)
            {
                return null;
            }

            product = [.. product.SelectMany(head => next.Select(tail => head + tail))];
        }

        return product;
    }

    /// <summary>
    /// A class of literal chars and ranges (<c>[01]</c>, <c>[a-c_]</c>) as its chars; null for a negated class, a class
    /// escape (<c>\d</c>, <c>\w</c>), a subtraction or more than <see cref="MaxLiterals"/> chars.
    /// </summary>
    private static List<string>? Class(string p, ref int at)
    {
        int i = at + 1;
        if (i >= p.Length || p[i] == '^')
        {
            return null;
        }

        var chars = new SortedSet<char>();
        while (i < p.Length && p[i] != ']')
        {
            if (p[i] == '[' || ClassChar(p, ref i) is not char low)
            {
                return null; // a nested class, a subtraction or an escape that is not one char
            }

            char high = low;
            if (i + 1 < p.Length && p[i] == '-' && p[i + 1] != ']')
            {
                i++;
                if (p[i] == '[' || ClassChar(p, ref i) is not char end || end < low)
                {
                    return null;
                }

                high = end;
            }

            if (high - low >= MaxLiterals)
            {
                return null;
            }

            for (char c = low; c <= high; c++)
            {
                chars.Add(c);
            }

            if (chars.Count > MaxLiterals)
            {
                return null;
            }
        }

        if (i >= p.Length || chars.Count == 0)
        {
            return null;
        }

        at = i + 1;
        return [.. chars.Select(c => c.ToString())];
    }

    /// <summary>One char inside a class: as <see cref="Literal"/> reads it, but <c>$ . ? * + { }</c> are literal there.</summary>
    private static char? ClassChar(string p, ref int at)
    {
        if (p[at] is '$' or '.' or '?' or '*' or '+' or '{' or '}')
        {
            return p[at++];
        }

        return Literal(p, ref at);
    }

    /// <summary>One literal char (a plain char or an escape of one), or null for anything else.</summary>
    private static char? Literal(string p, ref int at)
    {
        char c = p[at];
        if (c is '^' or '$' or '.' or '[' or ']' or '{' or '}' or '?' or '*' or '+')
        {
            return null;
        }

        if (c != '\\')
        {
            at++;
            return c;
        }

        if (at + 1 >= p.Length)
        {
            return null;
        }

        char e = p[at + 1];
        switch (e)
        {
            case 'r':
                at += 2;
                return '\r';
            case 'n':
                at += 2;
                return '\n';
            case 't':
                at += 2;
                return '\t';
            case 'f':
                at += 2;
                return '\f';
            case 'v':
                at += 2;
                return '\v';
            case 'e':
                at += 2;
                return '\x1B';
            case 'x' when at + 3 < p.Length && char.IsAsciiHexDigit(p[at + 2]) && char.IsAsciiHexDigit(p[at + 3]):
                at += 4;
                return (char)Convert.ToInt32(p.Substring(at - 2, 2), 16);
            default:
                if (char.IsAsciiLetterOrDigit(e) || e == '_' || e > '\x7F')
                {
                    return null; // a class (\d, \w, \s), an anchor (\b, \A), a backreference or something unknown
                }

                at += 2;
                return e; // an escaped punctuation char is itself
        }
    }
}
