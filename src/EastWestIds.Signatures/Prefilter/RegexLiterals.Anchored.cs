using System.Text.RegularExpressions;

namespace EastWestIds.Signatures.Prefilter;

/// <summary>
/// What every match of a start-anchored pattern begins with: after a run of <see cref="Skip"/> chars, one of
/// <see cref="Prefixes"/> (compared ignoring ASCII case). No prefix begins with a skip char, so skipping the value's
/// leading skip chars greedily lands exactly where a match's prefix would have to start.
/// </summary>
internal sealed record AnchoredStart(bool[] Skip, string[] Prefixes);

internal static partial class RegexLiterals
{
    /// <summary>Most prefixes an anchored start may list.</summary>
    public const int MaxStartPrefixes = 512;

    /// <summary>
    /// For a pattern anchored at the start of the value (<c>^</c> without <c>m</c>, or <c>\A</c>): the optional
    /// atoms it opens with (<c>\s*</c>, <c>[\x27\x22]?</c>) as a skip set, then the leading literal of every
    /// alternative of what must come next (an optional group's alternatives, and those of the group or literal after
    /// it); null when the pattern has another shape.
    /// </summary>
    /// <remarks>
    /// Why: the rules that look for a shell command at the start of a value
    /// (<c>^\s*[\x27\x22]?(?:(?:sudo|nohup…)\s+)?(?:cat|tac|nl|ls…)</c>) need no literal anywhere else that a prefilter
    /// could use (the command list is over 100 names, some two letters long), so they ran on every value of every
    /// request; a value that does not begin with one of those names cannot match, which a table lookup tells.
    /// </remarks>
    public static AnchoredStart? StartPrefixes(string pattern, RegexOptions options)
    {
        if ((options & (RegexOptions.IgnorePatternWhitespace | RegexOptions.Multiline | RegexOptions.RightToLeft)) != 0)
        {
            return null;
        }

        try
        {
            string p = pattern;
            int at = p.StartsWith('^') ? 1 : p.StartsWith(@"\A", StringComparison.Ordinal) ? 2 : -1;
            if (at < 0 || HasTopLevelAlternation(p))
            {
                return null; // "^a|b" is not anchored
            }

            var skip = new bool[256];
            var prefixes = new List<string>();
            bool done = false;
            while (!done && at < p.Length)
            {
                if (p[at] == '(')
                {
                    GroupOpening opening = OpenGroup(p, ref at);
                    if (opening == GroupOpening.Lookaround || (opening == GroupOpening.Modifier && (at >= p.Length || p[at] != ':')))
                    {
                        return null; // a lookaround, or inline options (?i) / (?i:…): not analysed
                    }

                    if (opening == GroupOpening.Modifier)
                    {
                        at++; // :
                    }

                    if (GroupPrefixes(p, ref at) is not { } first)
                    {
                        return null;
                    }

                    (int groupMin, _) = Quantifier(p, ref at);
                    prefixes.AddRange(first);
                    done = groupMin >= 1; // an optional group: a match may also begin with what follows it
                    continue;
                }

                int atomStart = at;
                char? literal = ReadAtom(p, ref at);
                string atom = p[atomStart..at];
                (int min, int max) = Quantifier(p, ref at);
                if (min == 0)
                {
                    if (prefixes.Count > 0)
                    {
                        return null; // skip atoms after an optional group: not this shape
                    }

                    bool[] chars = AtomChars(atom, options);
                    for (int c = 0; c < 256; c++)
                    {
                        skip[c] |= chars[c];
                    }

                    continue;
                }

                if (literal is not { } ch || ch > '\u00FF')
                {
                    return null;
                }

                // A required literal: it and the plain literals after it are the prefix.
                string run = ch.ToString();
                if (min == 1 && max == 1)
                {
                    run += LeadingLiteral(p, ref at);
                }

                prefixes.Add(run);
                done = true;
            }

            // ASCII prefixes only: the guard folds ASCII case, which is all .NET's case-insensitivity does to them on
            // Latin-1 input; a Latin-1 letter (é/É) would need its own folding.
            if (!done || prefixes.Count is 0 or > MaxStartPrefixes || prefixes.Any(x => x.Length == 0 || x.Any(c => c >= '\u0080')))
            {
                return null;
            }

            foreach (string prefix in prefixes)
            {
                char f = prefix[0];
                if (skip[f] || skip[char.ToLowerInvariant(f) & 0xFF] || skip[char.ToUpperInvariant(f) & 0xFF])
                {
                    return null;
                }
            }

            return new AnchoredStart(skip, [.. prefixes.Distinct(StringComparer.OrdinalIgnoreCase)]);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Reads one atom that is not a group; returns the char it stands for when it is a literal char.</summary>
    private static char? ReadAtom(string p, ref int at)
    {
        char c = p[at];
        switch (c)
        {
            case '[':
                SkipClass(p, ref at);
                return null;
            case '\\':
                char? escaped = Escape(p, ref at, out bool zeroWidth);
                return zeroWidth ? throw new FormatException() : escaped;
            case '.' or '^' or '$' or '|' or ')' or '*' or '+' or '?' or '{':
                throw new FormatException();
            default:
                at++;
                return c;
        }
    }

    /// <summary>Literal chars from <paramref name="at"/> while each occurs exactly once (stops before an optional one).</summary>
    private static string LeadingLiteral(string p, ref int at)
    {
        var text = new System.Text.StringBuilder();
        while (at < p.Length && p[at] is not ('(' or '[' or '.' or '^' or '$' or '|' or ')' or '*' or '+' or '?' or '{'))
        {
            int start = at;
            char? ch = p[at] == '\\' ? Escape(p, ref at, out bool zeroWidth) is var e && !zeroWidth ? e : null : p[at++];
            if (ch is null)
            {
                at = start;
                break;
            }

            int afterChar = at;
            (int min, int max) = Quantifier(p, ref at);
            if (min == 0)
            {
                at = start;
                break;
            }

            text.Append(ch.Value);
            if (min != 1 || max != 1)
            {
                break;
            }

            at = afterChar;
        }

        return text.ToString();
    }

    /// <summary>
    /// The leading literal of every alternative of a group whose opening was read; <paramref name="at"/> ends past its
    /// <c>)</c>. Null when some alternative does not begin with a literal char.
    /// </summary>
    private static List<string>? GroupPrefixes(string p, ref int at)
    {
        var prefixes = new List<string>();
        bool complete = true;
        while (true)
        {
            if (at < p.Length && p[at] == '(')
            {
                // An alternative that opens with a group begins with one of that group's prefixes, if the group must occur.
                GroupOpening opening = OpenGroup(p, ref at);
                if (opening == GroupOpening.Lookaround || (opening == GroupOpening.Modifier && (at >= p.Length || p[at] != ':')))
                {
                    throw new FormatException();
                }

                if (opening == GroupOpening.Modifier)
                {
                    at++; // :
                }

                List<string>? nested = GroupPrefixes(p, ref at);
                (int min, _) = Quantifier(p, ref at);
                complete &= nested is not null && min >= 1;
                prefixes.AddRange(nested ?? []);
            }
            else
            {
                string lead = LeadingLiteral(p, ref at);
                complete &= lead.Length > 0;
                prefixes.Add(lead);
            }

            int depth = 0;
            while (true)
            {
                if (at >= p.Length)
                {
                    throw new FormatException();
                }

                char c = p[at];
                if (c == '\\')
                {
                    at += 2;
                }
                else if (c == '[')
                {
                    SkipClass(p, ref at);
                }
                else if (c == '(')
                {
                    depth++;
                    at++;
                }
                else if (c == ')' && depth > 0)
                {
                    depth--;
                    at++;
                }
                else if ((c == '|' || c == ')') && depth == 0)
                {
                    break;
                }
                else
                {
                    at++;
                }
            }

            if (p[at++] == ')')
            {
                return complete ? prefixes : null;
            }
        }
    }

    internal static bool HasTopLevelAlternation(string p)
    {
        int depth = 0;
        for (int at = 0; at < p.Length;)
        {
            switch (p[at])
            {
                case '\\':
                    at += 2;
                    continue;
                case '[':
                    SkipClass(p, ref at);
                    continue;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case '|' when depth == 0:
                    return true;
            }

            at++;
        }

        return false;
    }
}
