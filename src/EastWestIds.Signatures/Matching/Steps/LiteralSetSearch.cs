using System.Buffers;

namespace EastWestIds.Signatures.Matching.Steps;

/// <summary>
/// Whether any literal of a set occurs in a value, ignoring case, as vectorized searches: the one-char literals as a
/// char set, the ASCII ones as a multi-string search, and each other one alone.
/// </summary>
/// <remarks>
/// <para>Why not one <see cref="SearchValues{T}"/> of all the strings: .NET builds it as a fast multi-string search
/// (Teddy) only when every string is ASCII and two chars or longer. One <c>\s</c> in a pattern puts <c>\x85</c> and
/// <c>\xa0</c> variants in its set (<c>\xa0%</c> beside <c> %</c>), and one selective char (<c>|</c>) is a one-char
/// literal; either made the whole set an Aho-Corasick automaton with a dictionary per state, which read a 60 KB text
/// in 790 µs against 52 µs (bench/README.md, session 22).</para>
/// <para>A non-ASCII literal without cased chars (<c>\xa0%</c>) is found by an ordinal search, which is the same
/// thing for it. One with cased chars is replaced by its longest ASCII run: every value holding the literal holds the
/// run, so the search can only say "occurs" more often, never less (the pattern decides then). One without an ASCII
/// run of two chars makes the set unsearchable this way (<see cref="TryCreate"/> returns null).</para>
/// </remarks>
internal sealed class LiteralSetSearch
{
    private readonly SearchValues<char>? _chars;
    private readonly SearchValues<string>? _strings;
    private readonly string[] _caseless;

    private LiteralSetSearch(SearchValues<char>? chars, SearchValues<string>? strings, string[] caseless)
    {
        _chars = chars;
        _strings = strings;
        _caseless = caseless;
    }

    /// <summary>The search for <paramref name="literals"/> (ignoring case), or null when one cannot be searched so.</summary>
    public static LiteralSetSearch? TryCreate(IReadOnlyCollection<string> literals)
    {
        var chars = new HashSet<char>();
        var strings = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var caseless = new HashSet<string>(StringComparer.Ordinal);
        foreach (string literal in literals)
        {
            if (literal.Length == 1)
            {
                chars.UnionWith([literal[0], char.ToUpperInvariant(literal[0]), char.ToLowerInvariant(literal[0])]);
            }
            else if (literal.Length > 1 && System.Text.Ascii.IsValid(literal))
            {
                strings.Add(literal);
            }
            else if (literal.All(c => char.ToUpperInvariant(c) == c && char.ToLowerInvariant(c) == c))
            {
                caseless.Add(literal);
            }
            else if (LongestAsciiRun(literal) is { Length: >= 2 } run)
            {
                strings.Add(run);
            }
            else
            {
                return null;
            }
        }

        if (chars.Count + strings.Count + caseless.Count == 0)
        {
            return null;
        }

        return new LiteralSetSearch(
            chars.Count == 0 ? null : SearchValues.Create([.. chars.Order()]),
            strings.Count == 0 ? null : SearchValues.Create([.. strings], StringComparison.OrdinalIgnoreCase),
            [.. caseless]);
    }

    /// <summary>False when no literal of the set occurs in <paramref name="text"/>; true when one may.</summary>
    public bool Occurs(ReadOnlySpan<char> text)
    {
        if (_chars is not null && text.IndexOfAny(_chars) >= 0 || _strings is not null && text.IndexOfAny(_strings) >= 0)
        {
            return true;
        }

        foreach (string literal in _caseless)
        {
            if (text.IndexOf(literal, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static string LongestAsciiRun(string literal)
    {
        string best = "";
        int start = 0;
        for (int i = 0; i <= literal.Length; i++)
        {
            if (i == literal.Length || !char.IsAscii(literal[i]))
            {
                if (i - start > best.Length)
                {
                    best = literal[start..i];
                }

                start = i + 1;
            }
        }

        return best;
    }
}
