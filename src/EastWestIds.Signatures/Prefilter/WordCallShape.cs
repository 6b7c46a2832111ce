using System.Text.RegularExpressions;

namespace EastWestIds.Signatures.Prefilter;

/// <summary>
/// The function-call pcre of the PHP rules, <c>(?:^|[^\w$>.-]|\b)@?(?:eval|system|posix_\w+|…)\s*(?:/*…*/\s*|\\[nrt]\s*|[\r\n\t]\s*)?\(</c>:
/// every match ends with a <c>(</c> whose nearest non-space char before it is <c>/</c> (the comment form), a letter
/// after a backslash (the <c>\n</c> form), or the end of a whole word that is one of <see cref="Names"/> (or starts
/// with one of <see cref="Prefixes"/> and is longer).
/// </summary>
/// <remarks>
/// Why: its prefilter literal can only be <c>(</c> (the names are too many), which every browser User-Agent holds, so
/// the regex ran over the whole header block of nearly every request (the largest single cost of the mesh GET). Why a
/// word: the name is preceded by <c>^</c>, <c>@</c>, a non-word char or <c>\b</c> before a word char, and followed by a
/// space or <c>(</c>, so it is a whole run of word chars. Recognized by its exact text (the five rules share it).
/// </remarks>
internal sealed record WordCallShape(string[] Names, string[] Prefixes)
{
    private const string Head = @"(?:^|[^\w$>.-]|\b)@?(?:";
    private const string Tail = @")\s*(?:\/\*.{0,20}?\*\/\s*|\\[nrt]\s*|[\r\n\t]\s*)?\(";

    /// <summary>The shape of <paramref name="pattern"/>, or null when it is not exactly this one.</summary>
    public static WordCallShape? Recognize(string pattern, RegexOptions options)
    {
        if ((options & ~(RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)) != 0
            || !pattern.StartsWith(Head, StringComparison.Ordinal) || !pattern.EndsWith(Tail, StringComparison.Ordinal))
        {
            return null;
        }

        string inner = pattern[Head.Length..^Tail.Length];
        var names = new List<string>();
        var prefixes = new List<string>();
        foreach (string alternative in inner.Split('|'))
        {
            foreach (string variant in Variants(alternative))
            {
                if (Regex.IsMatch(variant, @"^[A-Za-z_][A-Za-z0-9_]*$"))
                {
                    names.Add(variant);
                }
                else if (Regex.Match(variant, @"^([A-Za-z_][A-Za-z0-9_]*)\\w\+$") is { Success: true } prefix)
                {
                    prefixes.Add(prefix.Groups[1].Value);
                }
                else
                {
                    return null; // a nested group split at its '|', or any other atom: not this shape
                }
            }
        }

        return names.Count + prefixes.Count > 0 ? new WordCallShape([.. names], [.. prefixes]) : null;
    }

    /// <summary>An alternative with its optional parts spelled out: <c>mysqli?_</c> is <c>mysql_</c> or <c>mysqli_</c>, <c>include(?:_once)?</c> two names.</summary>
    private static IEnumerable<string> Variants(string alternative)
    {
        Match optional = Regex.Match(alternative, @"\(\?:([A-Za-z0-9_]+)\)\?|([A-Za-z0-9_])\?");
        if (!optional.Success)
        {
            yield return alternative;
            yield break;
        }

        string before = alternative[..optional.Index], after = alternative[(optional.Index + optional.Length)..];
        string part = optional.Groups[1].Success ? optional.Groups[1].Value : optional.Groups[2].Value;
        foreach (string rest in Variants(after))
        {
            yield return before + rest;
            yield return before + part + rest;
        }
    }
}
