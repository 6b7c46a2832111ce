using System.Globalization;
using System.Text.RegularExpressions;

namespace EastWestIds.Signatures.Prefilter;

// How a match of a pattern begins, as far as .NET's NonBacktracking uses it to search for where a match may start: its
// first chars (StartChars), the literal prefixes of all its matches (LeadingPrefixes) and the char sets at fixed
// distances from its start (FixedDistanceSets). Read by Compilation.StartSearchChoice.
internal static partial class RegexLiterals
{
    /// <summary>
    /// The Latin-1 chars a match of <paramref name="pattern"/> can begin with (assertions such as <c>\b</c> are not
    /// read, so the set may be larger than the truth, never smaller), or null when that is not known: a construct this
    /// reading does not take (inline options, extended syntax, a backreference first), or a pattern that can match
    /// the empty string.
    /// </summary>
    public static bool[]? StartChars(string pattern, RegexOptions options)
    {
        if ((options & (RegexOptions.IgnorePatternWhitespace | RegexOptions.RightToLeft)) != 0)
        {
            return null;
        }

        try
        {
            int at = 0;
            bool[] first = StartAlternation(pattern, ref at, options, out bool nullable);
            return at == pattern.Length && !nullable ? first : null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static bool[] StartAlternation(string p, ref int at, RegexOptions options, out bool nullable)
    {
        var union = new bool[256];
        nullable = false;
        while (true)
        {
            bool[] branch = StartSequence(p, ref at, options, out bool branchNullable);
            for (int c = 0; c < 256; c++)
            {
                union[c] |= branch[c];
            }

            nullable |= branchNullable;
            if (at < p.Length && p[at] == '|')
            {
                at++;
                continue;
            }

            return union;
        }
    }

    /// <summary>The chars of every element up to and with the first that cannot match empty; nullable when none is such.</summary>
    private static bool[] StartSequence(string p, ref int at, RegexOptions options, out bool nullable)
    {
        var first = new bool[256];
        nullable = true;
        while (at < p.Length && p[at] != '|' && p[at] != ')')
        {
            bool[]? set;
            bool elementNullable;
            if (p[at] == '(')
            {
                set = StartGroup(p, ref at, options, out elementNullable);
            }
            else
            {
                set = ElementChars(p, ref at, options, out elementNullable, out bool backreference);
                if (backreference && nullable)
                {
                    throw new FormatException(); // a match could begin with it, and what it matches depends on the match
                }
            }

            (int min, _) = Quantifier(p, ref at);
            if (nullable && set is not null)
            {
                for (int c = 0; c < 256; c++)
                {
                    first[c] |= set[c];
                }
            }

            nullable &= elementNullable || min == 0;
        }

        return first;
    }

    private static bool[]? StartGroup(string p, ref int at, RegexOptions options, out bool nullable)
    {
        GroupOpening opening = EnterGroup(p, ref at);
        bool[] inner = StartAlternation(p, ref at, options, out nullable);
        LeaveGroup(p, ref at);
        if (opening == GroupOpening.Lookaround)
        {
            nullable = true; // zero-width
            return null;
        }

        return inner;
    }

    /// <summary>Most literal prefixes .NET searches for at once, and their least and greatest length (its RegexPrefixAnalyzer).</summary>
    private const int MaxLeadingPrefixes = 16, MinLeadingPrefixLength = 2, MaxLeadingPrefixLength = 8;

    /// <summary>Offsets from a match's start whose char sets <see cref="FixedDistanceSets"/> reads.</summary>
    public const int MaxFixedDistances = 3;

    /// <summary>
    /// The literal prefixes (lower case, at most 8 chars) every match of <paramref name="pattern"/> begins with, when
    /// there are at most 16 of at least 2 chars each: then .NET searches for them all at once (a vectorized
    /// <c>SearchValues&lt;string&gt;</c>). Null otherwise, or when the pattern is not read (see <see cref="StartChars"/>).
    /// </summary>
    public static IReadOnlyList<string>? LeadingPrefixes(string pattern, RegexOptions options)
    {
        if ((options & (RegexOptions.IgnorePatternWhitespace | RegexOptions.RightToLeft)) != 0)
        {
            return null;
        }

        try
        {
            int at = 0;
            List<Prefix> prefixes = PrefixAlternation(pattern, ref at, [new Prefix("", Open: true)], options);
            return at == pattern.Length && prefixes.Count <= MaxLeadingPrefixes && prefixes.TrueForAll(p => p.Text.Length >= MinLeadingPrefixLength)
                ? [.. prefixes.Select(p => p.Text).Distinct()]
                : null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>A prefix read so far; Open while the next atom still extends it.</summary>
    private readonly record struct Prefix(string Text, bool Open);

    private static List<Prefix> PrefixAlternation(string p, ref int at, List<Prefix> from, RegexOptions options)
    {
        var union = new List<Prefix>();
        while (true)
        {
            union = [.. union.Concat(PrefixSequence(p, ref at, from, options)).Distinct()]; // prefixes closed before the group come back from every branch
            if (union.Count > MaxLeadingPrefixes)
            {
                throw new OverflowException();
            }

            if (at < p.Length && p[at] == '|')
            {
                at++;
                continue;
            }

            return union;
        }
    }

    private static List<Prefix> PrefixSequence(string p, ref int at, List<Prefix> from, RegexOptions options)
    {
        List<Prefix> current = from;
        while (at < p.Length && p[at] != '|' && p[at] != ')')
        {
            int start = at;
            List<Prefix>? extended = null; // what the element makes of the open prefixes (null: it cannot extend them)
            bool zeroWidth = false;
            switch (p[at])
            {
                case '(':
                    GroupOpening opening = EnterGroup(p, ref at);
                    List<Prefix> inner = PrefixAlternation(p, ref at, current, options);
                    LeaveGroup(p, ref at);
                    zeroWidth = opening == GroupOpening.Lookaround;
                    extended = zeroWidth ? null : inner;
                    break;
                case '\\':
                    char? escaped = Escape(p, ref at, out zeroWidth);
                    extended = escaped is { } c && !IsBackreference(p, start) ? Append(current, c, options) : null;
                    break;
                case '[':
                    SkipClass(p, ref at);
                    break;
                case '.':
                    at++;
                    break;
                case '^' or '$':
                    at++;
                    zeroWidth = true;
                    break;
                default:
                    extended = Append(current, p[at++], options);
                    break;
            }

            (int min, int max) = Quantifier(p, ref at);
            if (zeroWidth)
            {
                continue;
            }

            // Once exactly: the prefixes go on. At least once: they take the element once and end. Maybe not: they end.
            current = min == 1 && max == 1 && extended is not null ? extended
                : min >= 1 && extended is not null ? Close(extended)
                : Close(current);
        }

        return current;
    }

    /// <remarks>
    /// The chars .NET's prefix search takes: ignoring case, ASCII letters but <c>k</c> (also the Kelvin sign, U+212A);
    /// else only chars it deems caseless by their Unicode category (digits, punctuation, spaces, controls), which leaves
    /// out letters when case matters and symbols such as <c>$</c>, <c>=</c>, <c>|</c> and <c>`</c>. Any other char
    /// ends the prefix.
    /// </remarks>
    private static List<Prefix> Append(List<Prefix> prefixes, char c, RegexOptions options) =>
        !PrefixSearchTakes(c, (options & RegexOptions.IgnoreCase) != 0) ? Close(prefixes) :
        [.. prefixes.Select(x => x.Open && x.Text.Length < MaxLeadingPrefixLength
            ? new Prefix(x.Text + char.ToLowerInvariant(c), x.Text.Length + 1 < MaxLeadingPrefixLength)
            : x with { Open = false })];

    private static bool PrefixSearchTakes(char c, bool ignoreCase) =>
        ignoreCase && char.IsAsciiLetter(c) ? c is not ('k' or 'K') : char.GetUnicodeCategory(c) is
            UnicodeCategory.ClosePunctuation or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.Control
            or UnicodeCategory.DashPunctuation or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.LineSeparator or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.OtherPunctuation or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator;

    private static List<Prefix> Close(List<Prefix> prefixes) => [.. prefixes.Select(x => x with { Open = false })];

    /// <summary>
    /// The char sets at offsets 0, 1, … (at most <see cref="MaxFixedDistances"/>) from the start of every match of
    /// <paramref name="pattern"/>, as far as every match has one char there (assertions not read); empty when even
    /// the first is not fixed (an optional atom first), null when the pattern is not read.
    /// </summary>
    public static IReadOnlyList<bool[]>? FixedDistanceSets(string pattern, RegexOptions options)
    {
        if ((options & (RegexOptions.IgnorePatternWhitespace | RegexOptions.RightToLeft)) != 0)
        {
            return null;
        }

        try
        {
            int at = 0;
            (List<bool[]> sets, _) = FixedAlternation(pattern, ref at, options);
            return at == pattern.Length ? sets : null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The sets of an alternation: per offset the union of its branches', as far as every branch has one.</summary>
    private static (List<bool[]> Sets, bool Whole) FixedAlternation(string p, ref int at, RegexOptions options)
    {
        List<bool[]>? sets = null;
        bool whole = true;
        while (true)
        {
            (List<bool[]> branch, bool branchWhole) = FixedSequence(p, ref at, options);
            whole &= branchWhole;
            if (sets is null)
            {
                sets = branch;
            }
            else
            {
                whole &= sets.Count == branch.Count;
                sets = [.. sets.Zip(branch, Union)];
            }

            if (at < p.Length && p[at] == '|')
            {
                at++;
                continue;
            }

            return (sets, whole);
        }
    }

    /// <summary>A sequence's sets; Whole when every element was read as fixed, so what follows it continues the offsets.</summary>
    private static (List<bool[]> Sets, bool Whole) FixedSequence(string p, ref int at, RegexOptions options)
    {
        var sets = new List<bool[]>();
        bool open = true;
        while (at < p.Length && p[at] != '|' && p[at] != ')')
        {
            List<bool[]>? element;
            bool elementWhole, zeroWidth;
            if (p[at] == '(')
            {
                GroupOpening opening = EnterGroup(p, ref at);
                (element, elementWhole) = FixedAlternation(p, ref at, options);
                LeaveGroup(p, ref at);
                zeroWidth = opening == GroupOpening.Lookaround;
            }
            else
            {
                bool[]? chars = ElementChars(p, ref at, options, out zeroWidth, out _);
                element = chars is null ? null : [chars];
                elementWhole = chars is not null;
            }

            (int min, int max) = Quantifier(p, ref at);
            if (zeroWidth || !open)
            {
                continue;
            }

            if (element is null || min == 0)
            {
                open = false;
                continue;
            }

            // An element read whole and repeated a fixed number of times keeps the offsets going; else its first
            // repetition's sets are the last fixed ones.
            bool fixedCount = min == max;
            for (int repeat = 0; repeat < (fixedCount && elementWhole ? min : 1) && sets.Count < MaxFixedDistances; repeat++)
            {
                sets.AddRange(element.Take(MaxFixedDistances - sets.Count));
            }

            open = fixedCount && elementWhole;
        }

        return (sets, open);
    }

    private static bool[] Union(bool[] a, bool[] b)
    {
        var union = new bool[256];
        for (int c = 0; c < 256; c++)
        {
            union[c] = a[c] | b[c];
        }

        return union;
    }
}
