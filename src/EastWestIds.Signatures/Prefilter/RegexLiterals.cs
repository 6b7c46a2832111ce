using System.Globalization;
using System.Text;

namespace EastWestIds.Signatures.Prefilter;

/// <summary>
/// Extracts from a regex a set of literals at least one of which occurs in every match, so a pcre-only rule can be
/// preselected by the prefilter instead of running on every request (coraza's <c>rxprefilter</c> is the same idea).
/// </summary>
/// <remarks>
/// <para>It reads the pattern as a sequence of atoms with quantifiers: adjacent literal chars form runs; a group
/// that must occur contributes its own set (alternatives: the union of one set per alternative, none if any
/// alternative has none); of all the candidates in a sequence the rarest in benign traffic wins
/// (<see cref="LiteralCommonness"/>).
/// Anything it does not understand (classes, <c>.</c>, backreferences, lookarounds, optional atoms) contributes
/// nothing, which only ever makes the result weaker, never wrong: the rule's pcre still decides.</para>
/// <para>Literals are compared case-insensitively by the prefilter, so the <c>i</c> flag needs no care; the
/// <c>x</c> flag (whitespace and comments in the pattern) is not analysed. Chars above U+00FF end a run: the
/// prefilter sees bytes widened to Latin-1.</para>
/// </remarks>
internal static partial class RegexLiterals
{
    /// <summary>
    /// Shortest literal worth prefiltering on; shorter ones would mark the rule on most requests anyway, except a
    /// single punctuation or control char (<see cref="IsSelectiveChar"/>).
    /// </summary>
    public const int MinLength = 2;

    /// <summary>Most literals one pcre may contribute.</summary>
    public const int MaxLiterals = 64;

    /// <summary>The literal set of <paramref name="pattern"/>, or null when no useful set exists.</summary>
    public static IReadOnlyList<string>? Extract(string pattern, bool ignorePatternWhitespace) =>
        Read(pattern, ignorePatternWhitespace) is { Required: { } required } && Useful(required) ? required : null;

    /// <summary>
    /// Every literal set of <paramref name="pattern"/> (each match holds a literal of each), rarest first: the one
    /// <see cref="Extract"/> gives and those of the pattern's other required parts, when the pattern is one sequence
    /// (<c>\bselect\b.{0,120}\bfrom\b</c>: <c>select</c>, and <c>from</c>). Sets of single chars are left to
    /// <see cref="RequiredChars"/>. Why: a pcre runs only on values holding its rule's prefilter literal, and such a
    /// value often lacks another word the pattern needs ("select a size" without "from"), or the rule was preselected
    /// by a content of its own ("java") that the pattern's rarer literals ("java.lang.") refine; a search for them
    /// settles it for a fraction of the regex's cost.
    /// </summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="ignorePatternWhitespace">The <c>x</c> flag: such patterns are not analysed.</param>
    /// <param name="maxLiterals">Sets with more literals are left out (rating a set's rarity costs a search of the
    /// benign sample per literal not seen before, and a search for a large set costs about what a regex does).</param>
    public static IReadOnlyList<IReadOnlyList<string>> ExtractAll(string pattern, bool ignorePatternWhitespace, int maxLiterals = MaxLiterals)
    {
        if (Read(pattern, ignorePatternWhitespace) is not { } node)
        {
            return [];
        }

        IEnumerable<List<string>> sets = node.AllRequired ?? (node.Required is { } required ? [required] : []);
        return [.. sets.Where(set => Useful(set) && set.Count <= maxLiterals && set.Any(l => l.Length > 1))
            .DistinctBy(Key, StringComparer.OrdinalIgnoreCase)
            .OrderBy(LiteralCommonness.Of)];
    }

    /// <summary>True when two literal sets hold the same literals (ignoring case and order).</summary>
    public static bool SameSet(IReadOnlyList<string> a, IReadOnlyList<string> b) => string.Equals(Key(a), Key(b), StringComparison.OrdinalIgnoreCase);

    private static string Key(IReadOnlyList<string> set) => string.Join("\0", set.Order(StringComparer.OrdinalIgnoreCase));

    private static Node? Read(string pattern, bool ignorePatternWhitespace)
    {
        if (ignorePatternWhitespace)
        {
            return null;
        }

        try
        {
            int at = 0;
            Node node = Alternation(pattern, ref at);
            return at == pattern.Length ? node : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool Useful(List<string>? set) => set is { Count: > 0 and <= MaxLiterals } && Usable(set);

    /// <summary>
    /// A char that is a literal by itself: not a letter, digit or space. Why: a pattern such as
    /// <c>[\x27\x22`]\s*;\s*$</c> needs a quote; without a literal its rule ran on every value of every request,
    /// while as a prefilter literal the quote marks it only on the values that hold one (a letter or a space would
    /// mark it on nearly every value of prose, for no gain over running it everywhere).
    /// </summary>
    private static bool IsSelectiveChar(char c) => c != ' ' && !char.IsAsciiLetterOrDigit(c);

    /// <summary>
    /// What is known about a (sub)pattern: <paramref name="Required"/>, literals one of which every match contains;
    /// <paramref name="Exact"/>, when the pattern is nothing but literal text, the whole language it matches (so it
    /// can be concatenated with its neighbours: <c>\$(?:ne|gt)</c> gives <c>$ne</c>, <c>$gt</c>); <paramref name="First"/>,
    /// the chars every match starts with (one of them), when they are few (so a literal before the group can take its
    /// first char along: <c>nc(?:\.\w+)?</c> gives <c>nc.</c> when the group is there).
    /// </summary>
    private readonly record struct Node(List<string>? Required, List<string>? Exact, List<string>? First = null)
    {
        /// <summary>Every set (<see cref="Required"/> among them) of which each match holds a literal, when the pattern is one sequence.</summary>
        public List<List<string>>? AllRequired { get; init; }
    }

    /// <summary>Most chars (case folded) a <see cref="Node.First"/> set may hold.</summary>
    private const int MaxFirstChars = 16;

    private static Node Alternation(string p, ref int at)
    {
        var required = new List<string>();
        var exact = new List<string>();
        var first = new List<string>();
        bool allRequired = true, allExact = true, allFirst = true;
        int branches = 0;
        List<List<string>>? onlyBranchSets = null;
        while (true)
        {
            Node branch = Sequence(p, ref at);
            onlyBranchSets = branches++ == 0 ? branch.AllRequired : null;
            if (branch.First is null)
            {
                allFirst = false;
            }
            else
            {
                first.AddRange(branch.First);
            }

            if (branch.Required is null)
            {
                allRequired = false;
            }
            else
            {
                required.AddRange(branch.Required);
            }

            if (branch.Exact is null)
            {
                allExact = false;
            }
            else
            {
                exact.AddRange(branch.Exact);
            }

            if (at < p.Length && p[at] == '|')
            {
                at++;
                continue;
            }

            List<string> firstChars = [.. first.Distinct(StringComparer.OrdinalIgnoreCase)];
            List<string>? union = allRequired ? [.. required.Distinct(StringComparer.OrdinalIgnoreCase)] : null;
            return new Node(
                union,
                allExact && exact.Count <= MaxLiterals ? [.. exact.Distinct(StringComparer.OrdinalIgnoreCase)] : null,
                allFirst && firstChars.Count <= MaxFirstChars ? firstChars : null)
            {
                // one branch: its sets are the group's; several: only the union of one set per branch is required
                AllRequired = branches == 1 ? onlyBranchSets : union is null ? null : [union],
            };
        }
    }

    private static Node Sequence(string p, ref int at)
    {
        List<string>? best = null;
        bool bestSpaced = false;
        var all = new List<List<string>>();
        List<string> run = [""];
        bool runSpaced = false;
        bool pure = true;

        // The first char of every match: known when the first atom that consumes a char must occur and is literal
        // text, a small class or a group whose own first chars are known.
        List<string>? first = null;
        bool firstRead = false;

        void Consider(List<string> candidate, bool spaced)
        {
            all.Add(candidate);
            if (Prefer(best, bestSpaced, candidate, spaced))
            {
                best = candidate;
                bestSpaced = spaced;
            }
        }

        // A run that starts with the last of some spaces (" -i" of "\s+-i") also stands as it would without them.
        List<string>? unspaced = null;

        // A run carried across an optional atom ("os" of "os\s*\."): the atom is either absent, and the run goes on
        // with what follows ("os."), or present, and its first char is next to the run ("os " and its siblings). The
        // set is both: bridged (extended as the run is) plus bridgedOr (the run with one char of the atom).
        List<string>? bridged = null;
        List<string>? bridgedOr = null;
        bool bridgedSpaced = false;

        void EndRun()
        {
            if (run.All(r => r.Length > 0))
            {
                Consider(run, runSpaced);
            }

            if (unspaced is not null && unspaced.All(r => r.Length > 0))
            {
                Consider(unspaced, spaced: false);
            }

            if (bridged is not null && bridgedOr is not null && bridged.All(r => r.Length > 0))
            {
                Consider(WithoutRedundant([.. bridged, .. bridgedOr]), bridgedSpaced);
            }

            run = [""];
            runSpaced = false;
            unspaced = null;
            bridged = null;
            bridgedOr = null;
        }

        void Append(IReadOnlyList<string> suffixes)
        {
            if (bridged is not null)
            {
                if (bridged.Count * suffixes.Count + bridgedOr!.Count > MaxLiterals)
                {
                    if (bridged.All(r => r.Length > 0))
                    {
                        Consider(WithoutRedundant([.. bridged, .. bridgedOr]), bridgedSpaced);
                    }

                    bridged = null;
                    bridgedOr = null;
                }
                else
                {
                    bridged = [.. bridged.SelectMany(r => suffixes.Select(x => r + x))];
                    bridgedSpaced |= ReferenceEquals(suffixes, Whitespace);
                }
            }

            if (run.Count * suffixes.Count > MaxLiterals)
            {
                EndRun();
                pure = false;
                run = [.. suffixes];
                runSpaced = ReferenceEquals(suffixes, Whitespace);
                return;
            }

            run = [.. run.SelectMany(r => suffixes.Select(x => r + x))];
            runSpaced |= ReferenceEquals(suffixes, Whitespace);
            if (unspaced is not null)
            {
                unspaced = unspaced.Count * suffixes.Count <= MaxLiterals && !ReferenceEquals(suffixes, Whitespace)
                    ? [.. unspaced.SelectMany(r => suffixes.Select(x => r + x))]
                    : null;
            }
        }

        while (at < p.Length && p[at] != '|' && p[at] != ')')
        {
            char c = p[at];
            char? literal = null;
            List<string>? smallClass = null;
            Node? group = null;
            bool zeroWidth = false;
            switch (c)
            {
                case '(':
                    group = Group(p, ref at, out zeroWidth);
                    break;
                case '[':
                    int classStart = at;
                    SkipClass(p, ref at);
                    smallClass = SmallClass(p[classStart..at]);
                    break;
                case '\\':
                    int escapeStart = at;
                    literal = Escape(p, ref at, out zeroWidth);
                    if (literal is null && at - escapeStart == 2 && p[escapeStart + 1] == 's')
                    {
                        smallClass = Whitespace;
                    }

                    break;
                case '^' or '$':
                    at++;
                    zeroWidth = true;
                    break;
                case '.':
                    at++;
                    break;
                default:
                    literal = c;
                    at++;
                    break;
            }

            (int min, int max) = Quantifier(p, ref at);
            if (!zeroWidth && !firstRead)
            {
                firstRead = true;
                first = min >= 1 ? FirstChars(literal, smallClass, group) : null;
            }

            if (zeroWidth)
            {
                // An assertion consumes nothing: the text on both sides is still adjacent, but keep it simple.
                EndRun();
                pure = false;
                continue;
            }

            List<string>? exact = literal is { } ch ? (ch <= '\u00FF' ? [ch.ToString()] : null) : smallClass ?? group?.Exact;
            if (exact is not null && min >= 1)
            {
                if (ReferenceEquals(exact, Whitespace) && run.All(r => r.Length > 0))
                {
                    // The run without the space stays a candidate: it is the better one unless it is short and common.
                    Consider(run, runSpaced);
                    if (unspaced is not null && unspaced.All(r => r.Length > 0))
                    {
                        Consider(unspaced, spaced: false);
                    }
                }

                for (int i = 0; i < Math.Min(min, 8); i++)
                {
                    Append(exact);
                }

                if (max != min)
                {
                    // "ab+c": b is there at least once, but what follows is not adjacent to the first b; it is
                    // adjacent to the last one, so a new run starts with it: "sh\s+-i" gives "sh " and " -i".
                    EndRun();
                    pure = false;
                    run = [.. exact];
                    runSpaced = ReferenceEquals(exact, Whitespace);
                    unspaced = runSpaced ? [""] : null;
                }

                continue;
            }

            // Not across optional spaces: eight literals per run literal for "\s*" cost the prefilter more than they
            // refuse (and an alternation of such sets overflows MaxLiterals and loses its set altogether). An optional
            // group that is not literal text is bridged with its first char: "nc(?:\.\w+)?\s" gives "nc." or "nc ".
            List<string>? bridge = exact ?? group?.First;
            if (bridge is not null && min == 0 && max != 0 && !ReferenceEquals(bridge, Whitespace) && !bridge.Any(IsSpace)
                && run.All(r => r.Length > 0) && run.Count * (bridge.Count + 1) <= MaxLiterals)
            {
                // An optional atom: the run is also carried across it (see bridged), besides ending here as before.
                List<string> across = [.. run];
                List<string> or = [.. run.SelectMany(r => bridge.Select(x => r + x))];
                bool spaced = runSpaced;
                EndRun();
                pure = false;
                bridged = across;
                bridgedOr = or;
                bridgedSpaced = spaced;
                continue;
            }

            if (group is { First: { } groupFirst } && min >= 1 && run.All(r => r.Length > 0) && run.Count * groupFirst.Count <= MaxLiterals)
            {
                // A group that must follow the run and is not literal text: the run with its first char is in every match.
                Consider([.. run.SelectMany(r => groupFirst.Select(x => r + x))], runSpaced || groupFirst.Any(IsSpace));
            }

            EndRun();
            pure = false;
            if (group is { Required: { } required } && min >= 1)
            {
                Consider(required, spaced: false);
                all.AddRange(group.Value.AllRequired ?? []);
            }
        }

        List<string> last = run;
        EndRun();
        return new Node(best, pure ? last : null, first) { AllRequired = all };
    }

    /// <summary>The first chars of an atom that consumes text (null when they are many or unknown).</summary>
    private static List<string>? FirstChars(char? literal, List<string>? smallClass, Node? group)
    {
        if (literal is { } ch)
        {
            return ch <= '\u00FF' ? [ch.ToString()] : null;
        }

        if (smallClass is not null)
        {
            return smallClass;
        }

        if (group is { Exact: { } exact } && exact.All(e => e.Length > 0))
        {
            List<string> chars = [.. exact.Select(e => e[..1]).Distinct(StringComparer.OrdinalIgnoreCase)];
            return chars.Count <= MaxFirstChars ? chars : null;
        }

        return group?.First;
    }

    private static bool IsSpace(string text) => text.Length == 1 && Whitespace.Contains(text);

    /// <summary>The literals of <paramref name="set"/> that hold no other of its literals (a match holding the longer holds the shorter).</summary>
    private static List<string> WithoutRedundant(List<string> set) =>
        [.. set.Distinct(StringComparer.OrdinalIgnoreCase).Where(l => !set.Any(o => o.Length < l.Length && l.Contains(o, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>
    /// The chars <c>\s</c> matches in a value widened from Latin-1 (.NET: <c>[\f\n\r\t\v\x85\p{Z}]</c>): a literal
    /// run continues through it, eight literals for one. Why: <c>\bsh\s+-i\b</c> then yields <c>sh </c>, <c>sh\t</c>,
    /// … and <c> -i</c>, …, where <c>sh</c> and <c>-i</c> alone are in benign headers (<c>reviews-shadow</c>,
    /// <c>x-request-id</c>) and made the reverse-shell rule a candidate for every mesh request.
    /// </summary>
    private static readonly List<string> Whitespace = [.. "\t\n\v\f\r \u0085\u00A0".Select(c => c.ToString())];

    /// <summary>Most chars (case folded) a class may match and still count as literal text: <c>[\/\\]</c> is "/" or "\".</summary>
    private const int MaxClassChars = 4;

    /// <summary>
    /// The chars a class matches as one-char literals (case folded, since the prefilter ignores case), when there are
    /// at most <see cref="MaxClassChars"/> of them; null otherwise. Why: <c>(?:[\/\\]\.){2,}</c> then gives
    /// <c>/./.</c> and its three siblings, where a class used to end every literal run.
    /// </summary>
    private static List<string>? SmallClass(string atom)
    {
        bool[] set = AtomChars(atom, System.Text.RegularExpressions.RegexOptions.None);
        var folded = new List<string>();
        for (int c = 0; c < 256; c++)
        {
            if (set[c])
            {
                string text = ((char)c).ToString();
                if (!folded.Contains(text, StringComparer.OrdinalIgnoreCase))
                {
                    folded.Add(text);
                }

                if (folded.Count > MaxClassChars)
                {
                    return null;
                }
            }
        }

        return folded.Count > 0 ? folded : null;
    }

    /// <summary>
    /// True when <paramref name="candidate"/> should replace <paramref name="current"/> as a sequence's set. A set
    /// spelled out with <see cref="Whitespace"/> has eight literals where its neighbour has one; it is worth them
    /// only when the other set holds a literal as short as may be and is in the benign sample (<c>sh</c>, <c>-i</c>;
    /// <c>nc</c> of <c>nc|ncat|netcat</c>, in every "encoding"), not when it is already rare (<c>bash</c>) or all its
    /// literals are longer (<c>select</c>), however small the pair model makes eight unseen literals together: every
    /// literal costs the prefilter of its slot, and a union of too many leaves the rule without a set at all.
    /// </summary>
    private static bool Prefer(List<string>? current, bool currentSpaced, List<string> candidate, bool candidateSpaced)
    {
        if (candidate.Count == 0 || candidate.Count > MaxLiterals)
        {
            return false;
        }

        if (current is null)
        {
            return true;
        }

        if (currentSpaced != candidateSpaced)
        {
            List<string> plain = currentSpaced ? candidate : current;
            if (Usable(plain) && (!LiteralCommonness.Observed(plain) || plain.All(l => l.Length > MinLength)))
            {
                return !candidateSpaced;
            }
        }

        return ReferenceEquals(Better(current, candidate), candidate);
    }

    private static List<string>? Better(List<string>? current, List<string> candidate)
    {
        if (candidate.Count == 0 || candidate.Count > MaxLiterals)
        {
            return current;
        }

        if (current is null)
        {
            return candidate;
        }

        // A set the prefilter can use beats one it cannot (one letter); then the rarer in benign traffic wins
        // (LiteralCommonness says why); then, as before, the longer shortest literal and the smaller set.
        bool currentUsable = Usable(current), candidateUsable = Usable(candidate);
        if (currentUsable != candidateUsable)
        {
            return candidateUsable ? candidate : current;
        }

        double currentCommonness = LiteralCommonness.Of(current), candidateCommonness = LiteralCommonness.Of(candidate);
        if (candidateCommonness != currentCommonness)
        {
            return candidateCommonness < currentCommonness ? candidate : current;
        }

        int currentMin = current.Min(l => l.Length);
        int candidateMin = candidate.Min(l => l.Length);
        if (candidateMin != currentMin)
        {
            return candidateMin > currentMin ? candidate : current;
        }

        return candidate.Count < current.Count ? candidate : current;
    }

    private static bool Usable(List<string> set) => set.All(l => l.Length >= MinLength || IsSelectiveChar(l[0]));

    /// <summary>How a group opens (both walks over a pattern, literals and required chars, read it alike).</summary>
    private enum GroupOpening
    {
        /// <summary><c>(…)</c></summary>
        Plain,

        /// <summary><c>(?=</c>, <c>(?!</c>, <c>(?&lt;=</c>, <c>(?&lt;!</c>: zero-width, <c>at</c> is on the mark.</summary>
        Lookaround,

        /// <summary><c>(?&lt;name&gt;</c>, <c>(?'name'</c>, <c>(?P&lt;name&gt;</c>: <c>at</c> is past the name.</summary>
        Named,

        /// <summary><c>(?:</c> or an inline option group: <c>at</c> is on the first char after <c>(?</c>.</summary>
        Modifier,
    }

    /// <summary>Reads a group's opening from <c>(</c> at <paramref name="at"/>: the parenthesis, and after <c>(?</c> a name.</summary>
    private static GroupOpening OpenGroup(string p, ref int at)
    {
        at++; // (
        if (at >= p.Length || p[at] != '?')
        {
            return GroupOpening.Plain;
        }

        at++;
        if (at < p.Length && (p[at] is '=' or '!' || (p[at] == '<' && at + 1 < p.Length && p[at + 1] is '=' or '!')))
        {
            return GroupOpening.Lookaround;
        }

        if (at < p.Length && (p[at] == '<' || p[at] == '\'' || p[at] == 'P'))
        {
            int close = p.IndexOfAny(['>', '\''], at + 1);
            if (close < 0)
            {
                throw new FormatException();
            }

            at = close + 1;
            return GroupOpening.Named;
        }

        return GroupOpening.Modifier;
    }

    /// <summary>
    /// Reads a group's opening for the char-set analyses: a plain, named, non-capturing or lookaround group. An inline
    /// option group (<c>(?i:…)</c>, <c>(?-i)</c>) changes what its atoms match, so it is not read (FormatException).
    /// </summary>
    private static GroupOpening EnterGroup(string p, ref int at)
    {
        GroupOpening opening = OpenGroup(p, ref at);
        if (opening == GroupOpening.Modifier)
        {
            if (at >= p.Length || p[at] != ':')
            {
                throw new FormatException();
            }

            at++; // :
        }

        return opening;
    }

    /// <summary>Reads the <c>)</c> that closes a group (FormatException when the pattern ends first).</summary>
    private static void LeaveGroup(string p, ref int at)
    {
        if (at >= p.Length || p[at] != ')')
        {
            throw new FormatException();
        }

        at++;
    }

    private static Node Group(string p, ref int at, out bool zeroWidth)
    {
        zeroWidth = false;
        var opening = OpenGroup(p, ref at);
        if (opening == GroupOpening.Modifier)
        {
            // (?:…), (?i:…), or an inline option group (?i) that applies to the rest.
            while (at < p.Length && p[at] != ':' && p[at] != ')')
            {
                at++;
            }

            if (at < p.Length && p[at] == ')')
            {
                at++;
                zeroWidth = true;
                return default;
            }

            at++; // :
        }

        bool lookaround = opening == GroupOpening.Lookaround;
        Node inner = Alternation(p, ref at);
        if (at >= p.Length || p[at] != ')')
        {
            throw new FormatException();
        }

        at++;
        if (lookaround)
        {
            zeroWidth = true;
            return default;
        }

        return inner;
    }

    private static char? Escape(string p, ref int at, out bool zeroWidth)
    {
        zeroWidth = false;
        if (at + 1 >= p.Length)
        {
            throw new FormatException();
        }

        char e = p[at + 1];
        at += 2;
        switch (e)
        {
            case 'b' or 'B' or 'A' or 'z' or 'Z' or 'G':
                zeroWidth = true;
                return null;
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'f': return '\f';
            case 'v': return '\v';
            case 'e': return '\u001B';
            case 'x':
                return Hex(p, ref at, 2);
            case 'u':
                return Hex(p, ref at, 4);
            case 'p' or 'P' or 'k':
                int close = p.IndexOfAny(['}', '>'], at);
                at = close < 0 ? p.Length : close + 1;
                return null;
            case 'c':
                at++;
                return null;
            default:
                // \d \w \s, backreferences, octal: not a literal. Any other escaped char stands for itself.
                return char.IsAsciiLetterOrDigit(e) ? null : e;
        }
    }

    private static char? Hex(string p, ref int at, int digits)
    {
        if (at + digits > p.Length || !int.TryParse(p.AsSpan(at, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int value))
        {
            throw new FormatException();
        }

        at += digits;
        return (char)value;
    }

    private static void SkipClass(string p, ref int at)
    {
        at++; // [
        if (at < p.Length && p[at] == '^')
        {
            at++;
        }

        if (at < p.Length && p[at] == ']')
        {
            at++;
        }

        while (at < p.Length && p[at] != ']')
        {
            at += p[at] == '\\' ? 2 : 1;
        }

        if (at >= p.Length)
        {
            throw new FormatException();
        }

        at++;
    }

    /// <summary>Reads a quantifier if there is one: (1, 1) when there is none; max -1 when unbounded.</summary>
    private static (int Min, int Max) Quantifier(string p, ref int at)
    {
        if (at >= p.Length)
        {
            return (1, 1);
        }

        int min, max;
        switch (p[at])
        {
            case '*': (min, max) = (0, -1); at++; break;
            case '+': (min, max) = (1, -1); at++; break;
            case '?': (min, max) = (0, 1); at++; break;
            case '{':
                int close = p.IndexOf('}', at);
                if (close < 0)
                {
                    return (1, 1); // a literal '{'
                }

                string[] bounds = p[(at + 1)..close].Split(',');
                if (bounds.Length > 2 || !int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out min))
                {
                    return (1, 1);
                }

                max = bounds.Length == 1 ? min
                    : bounds[1].Length == 0 ? -1
                    : int.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out int upper) ? upper : -1;
                at = close + 1;
                break;
            default:
                return (1, 1);
        }

        if (at < p.Length && p[at] is '?' or '+')
        {
            at++; // lazy or possessive
        }

        return (min, max);
    }
}
