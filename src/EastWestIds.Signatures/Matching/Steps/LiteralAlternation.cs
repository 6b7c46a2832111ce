using System.Buffers;
using System.Text.RegularExpressions;

namespace EastWestIds.Signatures.Matching.Steps;

/// <summary>
/// A pcre whose language is a finite list of literals (<c>\r\n(?:content-length|transfer-encoding)\r\n</c>), found by
/// one vectorized <see cref="SearchValues{T}"/> search instead of the regex, with the regex's answer: the leftmost
/// position where a literal occurs and, there, the first literal in the pattern's order (the alternative a regex
/// prefers; the test suite checks this against .NET's regex on random inputs).
/// </summary>
/// <remarks>
/// Why: the NonBacktracking engine costs a few hundred ns per call even on a 100-byte value (200 ns to say it
/// matches, 300 ns more to say where), and such a pcre runs on every request that holds one of its literals: 9402460
/// reads every POST's header names. The search takes about 40 ns. Only ASCII literals when the pcre ignores case
/// (the matcher feeds Latin-1 chars, where .NET's case-insensitive regex and an ordinal ASCII fold then agree).
/// </remarks>
internal sealed class LiteralAlternation
{
    /// <summary>Most literals a pattern may expand to (a product of alternations grows fast).</summary>
    public const int MaxLiterals = 64;

    private readonly string[] _literals;
    private readonly SearchValues<string> _search;
    private readonly StringComparison _comparison;

    private LiteralAlternation(string[] literals, bool ignoreCase)
    {
        _literals = literals;
        _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        _search = SearchValues.Create([.. literals.Distinct(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)], _comparison);
    }

    /// <summary>The literals in the pattern's order of preference.</summary>
    public IReadOnlyList<string> Literals => _literals;

    /// <summary>
    /// The literal list of <paramref name="pattern"/> when it is made only of literal chars and non-capturing groups
    /// of alternatives (no class, quantifier, anchor or inline option), under options that cannot change what a
    /// literal matches; null otherwise.
    /// </summary>
    public static LiteralAlternation? TryCreate(string pattern, RegexOptions options)
    {
        const RegexOptions harmless = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Multiline |
            RegexOptions.Singleline | RegexOptions.ExplicitCapture | RegexOptions.NonBacktracking;
        if ((options & ~harmless) != 0)
        {
            return null;
        }

        int at = 0;
        List<string>? literals = Alternation(pattern, ref at);
        if (literals is null || at != pattern.Length || literals.Count == 0 || literals.Any(l => l.Length == 0))
        {
            return null;
        }

        bool ignoreCase = (options & RegexOptions.IgnoreCase) != 0;
        if (literals.Any(l => l.Any(c => c > (ignoreCase ? '\x7F' : '\xFF'))))
        {
            return null;
        }

        return new LiteralAlternation([.. literals], ignoreCase);
    }

    /// <summary>
    /// The regex's first match in <paramref name="input"/> at or after <paramref name="from"/> (only one beginning at
    /// <paramref name="from"/> when <paramref name="anchored"/>).
    /// </summary>
    public bool TryFind(ReadOnlySpan<char> input, int from, bool anchored, out int start, out int length)
    {
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
            else if (Literal(p, ref at) is char c)
            {
                next = [c.ToString()];
            }
            else
            {
                return null;
            }

            if (at < p.Length && p[at] is '?' or '*' or '+' or '{')
            {
                return null; // a quantifier: not a finite literal list worth expanding
            }

            if (product.Count * next.Count > MaxLiterals)
            {
                return null;
            }

            product = [.. product.SelectMany(head => next.Select(tail => head + tail))];
        }

        return product;
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
