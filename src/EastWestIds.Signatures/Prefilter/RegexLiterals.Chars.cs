using System.Buffers;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace EastWestIds.Signatures.Prefilter;

internal static partial class RegexLiterals
{
    /// <summary>Largest char set worth checking before running a regex (a set this big is in most values anyway).</summary>
    public const int MaxRequiredChars = 40;

    /// <summary>
    /// A set of chars at least one of which is in every match of <paramref name="pattern"/> (or null): a value that
    /// holds none of them cannot match, which one vectorized <c>IndexOfAny</c> tells before the regex runs.
    /// </summary>
    /// <remarks>
    /// Why: most pcre that yield no prefilter literal (<see cref="Extract"/> needs two chars in a row) still need
    /// one of a few punctuation chars — a quote, <c>&lt;</c>, <c>;</c>, <c>$</c> — that benign values rarely hold,
    /// and the regex then never runs. The set of one atom (a char, an escape, a class, <c>.</c>) is asked of .NET
    /// itself: the atom is compiled with the pattern's options and tried on every Latin-1 char, which is exactly what
    /// the matcher feeds it (bytes widened to chars), so case-insensitivity and class syntax need no reimplementation.
    /// A sequence takes its smallest required set, an alternation the union of its branches' sets (none if a branch
    /// has none); anything not understood contributes nothing, so the result can only be weaker, never wrong.
    /// </remarks>
    public static SearchValues<char>? RequiredChars(string pattern, RegexOptions options)
    {
        if ((options & RegexOptions.IgnorePatternWhitespace) != 0)
        {
            return null;
        }

        try
        {
            int at = 0;
            bool[]? set = CharAlternation(pattern, ref at, options);
            if (at != pattern.Length || set is null)
            {
                return null;
            }

            var chars = new List<char>();
            for (int c = 0; c < 256; c++)
            {
                if (set[c])
                {
                    chars.Add((char)c);
                }
            }

            return chars.Count is > 0 and <= MaxRequiredChars ? SearchValues.Create([.. chars]) : null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// The char sets every match of <paramref name="pattern"/> holds one char of each, as strings of their chars: the
    /// set of each element of a top-level sequence that must occur at least once (a pattern whose top level is an
    /// alternation gives the one set of <see cref="RequiredChars"/>). Empty when nothing is known.
    /// </summary>
    /// <remarks>
    /// Why several: <c>[\x27\x22`]\s*…\w+\s*(?:--|#)</c> needs a quote <em>and</em> a dash or hash; one set can say
    /// only one of these, and values with a dash (<c>SKU-1003</c>) then run the regex for nothing.
    /// </remarks>
    public static IReadOnlyList<string> RequiredCharSets(string pattern, RegexOptions options)
    {
        if ((options & RegexOptions.IgnorePatternWhitespace) != 0)
        {
            return [];
        }

        try
        {
            int at = 0;
            var sets = new List<bool[]>();
            CharSequence(pattern, ref at, options, sets);
            if (at != pattern.Length)
            {
                return CharAlternationSet(pattern, options) is { } union ? [Chars(union)] : [];
            }

            return [.. sets.Where(s => Count(s) <= MaxRequiredChars).Select(Chars)];
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return [];
        }
    }

    private static bool[]? CharAlternationSet(string pattern, RegexOptions options)
    {
        int at = 0;
        return CharAlternation(pattern, ref at, options);
    }

    private static string Chars(bool[] set)
    {
        var chars = new System.Text.StringBuilder();
        for (int c = 0; c < 256; c++)
        {
            if (set[c])
            {
                chars.Append((char)c);
            }
        }

        return chars.ToString();
    }

    private static bool[]? CharAlternation(string p, ref int at, RegexOptions options)
    {
        bool[]? union = new bool[256];
        while (true)
        {
            bool[]? branch = CharSequence(p, ref at, options);
            if (branch is null)
            {
                union = null;
            }
            else if (union is not null)
            {
                for (int c = 0; c < 256; c++)
                {
                    union[c] |= branch[c];
                }
            }

            if (at < p.Length && p[at] == '|')
            {
                at++;
                continue;
            }

            return union is not null && Count(union) <= MaxRequiredChars ? union : null;
        }
    }

    private static bool[]? CharSequence(string p, ref int at, RegexOptions options, List<bool[]>? all = null)
    {
        bool[]? best = null;
        int bestCost = int.MaxValue;
        while (at < p.Length && p[at] != '|' && p[at] != ')')
        {
            bool zeroWidth;
            bool[]? set = p[at] == '('
                ? CharGroup(p, ref at, options, out zeroWidth)
                : ElementChars(p, ref at, options, out zeroWidth, out _);

            (int min, _) = Quantifier(p, ref at);
            if (zeroWidth || set is null || min < 1)
            {
                continue;
            }

            all?.Add(set);
            int cost = Cost(set);
            if (cost < bestCost)
            {
                best = set;
                bestCost = cost;
            }
        }

        return best;
    }

    /// <summary>
    /// Reads one element that is not a group (a class, an escape, an anchor or a char) and returns the Latin-1 chars it
    /// matches, or null when it matches none of its own: an assertion (<paramref name="zeroWidth"/>) or a
    /// <paramref name="backreference"/>.
    /// </summary>
    private static bool[]? ElementChars(string p, ref int at, RegexOptions options, out bool zeroWidth, out bool backreference)
    {
        int start = at;
        zeroWidth = backreference = false;
        switch (p[at])
        {
            case '[':
                SkipClass(p, ref at);
                return AtomChars(p[start..at], options);
            case '\\':
                _ = Escape(p, ref at, out zeroWidth);
                backreference = IsBackreference(p, start);
                return zeroWidth || backreference ? null : AtomChars(p[start..at], options);
            case '^' or '$':
                at++;
                zeroWidth = true;
                return null;
            default:
                at++;
                return AtomChars(p[start..at], options);
        }
    }

    private static bool[]? CharGroup(string p, ref int at, RegexOptions options, out bool zeroWidth)
    {
        zeroWidth = false;
        GroupOpening opening = EnterGroup(p, ref at);
        bool lookaround = opening == GroupOpening.Lookaround;
        bool[]? inner = CharAlternation(p, ref at, options);
        LeaveGroup(p, ref at);
        if (lookaround)
        {
            zeroWidth = true;
            return null;
        }

        return inner;
    }

    private static bool IsBackreference(string p, int backslash) =>
        backslash + 1 < p.Length && (p[backslash + 1] is >= '1' and <= '9' or 'k');

    /// <summary>Distinct atoms remembered at most; past it the memo starts over (a long run of reloads of ever-new rules).</summary>
    private const int MaxMemoizedAtoms = 16_384;

    /// <summary>
    /// <see cref="AtomChars"/> of every atom already asked, by atom and the options that change what it matches. Why:
    /// asking .NET costs a regex construction and 256 matches, and compiling the shipped rules asks about 71,000 atoms,
    /// 727 distinct (<c>\s</c>, a letter, <c>[\x27\x22]</c>). Without it, this was two thirds of compiling the set,
    /// paid again on every reload, scan and rules test: 2.4 s for the first set of a process, 0.95 s for the next
    /// (0.45 s and 0.25 s with it).
    /// </summary>
    private static readonly ConcurrentDictionary<(string Atom, RegexOptions Options), bool[]> AtomCharsMemo = new();

    /// <summary>Which Latin-1 chars one atom matches, asked of .NET's regex with the pattern's options (shared: read it, never write it).</summary>
    private static bool[] AtomChars(string atom, RegexOptions options)
    {
        options &= RegexOptions.IgnoreCase | RegexOptions.Singleline;
        if (!AtomCharsMemo.TryGetValue((atom, options), out bool[]? set))
        {
            set = AskRegex(atom, options);
            if (AtomCharsMemo.Count >= MaxMemoizedAtoms)
            {
                AtomCharsMemo.Clear();
            }

            AtomCharsMemo.TryAdd((atom, options), set);
        }

        return set;
    }

    private static bool[] AskRegex(string atom, RegexOptions options)
    {
        var regex = new Regex($"^(?:{atom})$", options | RegexOptions.CultureInvariant);
        var set = new bool[256];
        Span<char> one = stackalloc char[1];
        for (int c = 0; c < 256; c++)
        {
            one[0] = (char)c;
            set[c] = regex.IsMatch(one);
        }

        return set;
    }

    /// <summary>
    /// How often a set's chars are expected in benign values: letters, digits and whitespace are everywhere, URL and
    /// JSON punctuation often, other punctuation rarely. The sequence keeps its cheapest set (rarest chars).
    /// </summary>
    private static int Cost(bool[] set)
    {
        int cost = 0;
        for (int c = 0; c < 256; c++)
        {
            if (set[c])
            {
                cost += char.IsAsciiLetterOrDigit((char)c) || char.IsWhiteSpace((char)c) ? 8
                    : "/?&=.,-_:\"".Contains((char)c) ? 4
                    : 1;
            }
        }

        return cost;
    }

    private static int Count(bool[] set)
    {
        int n = 0;
        foreach (bool b in set)
        {
            n += b ? 1 : 0;
        }

        return n;
    }
}
