using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// Checks that .NET can compile a pattern, remembering the answer per (pattern, options): rule sets repeat the same
/// pcre many times (the shipped set has 703 pcre, 217 distinct), and each check builds a backtracking regex
/// (~0.5 ms on a busy machine), which loading and every reload would otherwise pay again.
/// </summary>
internal static class PatternSyntax
{
    // Bounded so that a process reloading ever-changing rule files cannot grow it without limit.
    private const int MaxRemembered = 8192;

    private static readonly ConcurrentDictionary<(string Pattern, RegexOptions Options), string> Answers = new();

    /// <summary>Why <paramref name="pattern"/> does not compile, or null when it does.</summary>
    public static string? Error(string pattern, RegexOptions options)
    {
        if (Answers.TryGetValue((pattern, options), out string? known))
        {
            return known.Length == 0 ? null : known;
        }

        string answer = "";
        try
        {
            _ = new Regex(pattern, options, TimeSpan.FromMilliseconds(1));
        }
        catch (ArgumentException e)
        {
            answer = e.Message;
        }

        if (Answers.Count >= MaxRemembered)
        {
            Answers.Clear();
        }

        Answers[(pattern, options)] = answer;
        return answer.Length == 0 ? null : answer;
    }
}
