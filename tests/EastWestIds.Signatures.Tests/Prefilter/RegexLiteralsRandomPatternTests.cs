using System.Text;
using System.Text.RegularExpressions;
using EastWestIds.Signatures.Prefilter;

namespace EastWestIds.Signatures.Tests.Prefilter;

/// <summary>
/// The literal sets of random patterns (every set <see cref="RegexLiterals.ExtractAll"/> gives, the prefilter's among
/// them) hold in every match .NET's regex finds on random text made of the patterns' own pieces. Why: the sets decide
/// which rules run at all (the prefilter) and which regexes run (the literal checks), for shipped rules and for rules an
/// analyst brings; a set a match can avoid is a missed detection. The shipped patterns have their own test
/// (<see cref="RegexLiteralsBridgeTests"/>); these cover the shapes the extractor reads, combined as no rule file does.
/// </summary>
public sealed class RegexLiteralsRandomPatternTests
{
    private static readonly string[] Words = ["ab", "cd", "nc", "ncat", "sel", "ect", "x", "y"];
    private static readonly string[] Atoms =
        [@"\s", @"\w", @"\d", ".", "[ab]", "[ab]", "[xy-]", "[xy-]", @"[\s.]", @"\.", @"\(", "-", " ", @"\x41", "[^a]"];
    private static readonly string[] Quantifiers = ["", "", "", "", "", "", "", "?", "*", "+", "{0,2}", "{1,3}", "{2}", "??", "+?"];
    private static readonly string[] Anchors = [@"\b", "^", "$", @"\B"];
    private static readonly string[] Pieces =
        ["ab", "cd", "nc", "ncat", "sel", "ect", "x", "y", "a", "b", "c", "d", "1", "7", " ", "\t", "\n", "\u00A0", ".",
         "(", "-", "A", "AB", "NC", "_", "z", ";"];

    [Fact]
    public void ExtractAll_OfRandomPatterns_HoldsInEveryMatch()
    {
        var random = new Random(16);
        int patternsWithSets = 0, matchesChecked = 0;
        var failures = new List<string>();
        for (int trial = 0; trial < 2500 && failures.Count < 5; trial++)
        {
            string pattern = Alternation(random, depth: 0);
            IReadOnlyList<IReadOnlyList<string>> sets = RegexLiterals.ExtractAll(pattern, ignorePatternWhitespace: false);
            if (sets.Count == 0)
            {
                continue;
            }

            patternsWithSets++;
            foreach (RegexOptions options in new[] { RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexOptions.None })
            {
                // the linear engine: random nested quantifiers would make the backtracking one run for minutes
                var regex = new Regex(pattern, options | RegexOptions.NonBacktracking);
                for (int i = 0; i < 60; i++)
                {
                    string text = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => Pieces[random.Next(Pieces.Length)]));
                    foreach (Match match in regex.Matches(text))
                    {
                        matchesChecked++;
                        foreach (IReadOnlyList<string> set in sets)
                        {
                            if (!set.Any(literal => match.Value.Contains(literal, StringComparison.OrdinalIgnoreCase)))
                            {
                                failures.Add($"/{pattern}/{(options == RegexOptions.None ? "" : "i")} matched '{Escape(match.Value)}' in " +
                                    $"'{Escape(text)}' without any of {string.Join(" | ", set.Select(Escape))}");
                            }
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(patternsWithSets > 600 && matchesChecked > 3000, $"{patternsWithSets} patterns with sets, {matchesChecked} matches: the test proves little");
    }

    private static string Alternation(Random random, int depth)
    {
        int branches = random.Next(4) == 0 ? random.Next(2, 4) : 1;
        return string.Join("|", Enumerable.Range(0, branches).Select(_ => Sequence(random, depth)));
    }

    private static string Sequence(Random random, int depth)
    {
        var pattern = new StringBuilder();
        int atoms = random.Next(1, 5);
        for (int a = 0; a < atoms; a++)
        {
            int kind = random.Next(10);
            if (kind < 4)
            {
                pattern.Append(Words[random.Next(Words.Length)]);
            }
            else if (kind < 7)
            {
                pattern.Append(Atoms[random.Next(Atoms.Length)]);
            }
            else if (kind < 9 && depth < 2)
            {
                pattern.Append("(?:").Append(Alternation(random, depth + 1)).Append(')');
            }
            else
            {
                pattern.Append(Anchors[random.Next(Anchors.Length)]);
                continue; // an anchor takes no quantifier
            }

            pattern.Append(Quantifiers[random.Next(Quantifiers.Length)]);
        }

        return pattern.ToString();
    }

    private static string Escape(string text) => text.Replace("\t", "\\t").Replace("\n", "\\n").Replace("\u00A0", "\\xA0");
}
