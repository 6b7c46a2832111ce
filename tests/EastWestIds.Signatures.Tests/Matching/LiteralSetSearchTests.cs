using System.Buffers;
using System.Text;
using EastWestIds.Signatures.Matching.Steps;

namespace EastWestIds.Signatures.Tests.Matching;

/// <summary>
/// The split literal search must say "occurs" whenever one search of all the strings (ignoring case) finds one, and
/// exactly then when the set has no non-ASCII literal with cased chars (those are replaced by an ASCII run).
/// </summary>
public sealed class LiteralSetSearchTests
{
    private static readonly string[] Pool =
    [
        "%", "|", "k", "É", "\t%", " %", "\u0085%", "\u00a0%", "who", "\u00a0who", "\u0085who", "wget", "WGET", "chmod",
        "in", "\u00e9t\u00e9", "caf\u00e9", "\u00a0\u00a0", "\u00ff", "x", "do", "\u00b5s",
    ];

    [Fact]
    public void Occurs_WheneverTheWholeSetFindsOne_AndExactlyThenWithoutCasedNonAsciiLiterals()
    {
        var random = new Random(22);
        int found = 0, checkedSets = 0;
        for (int n = 0; n < 3_000; n++)
        {
            string[] set = [.. Enumerable.Range(0, random.Next(1, 6)).Select(_ => Pool[random.Next(Pool.Length)]).Distinct(StringComparer.OrdinalIgnoreCase)];
            if (LiteralSetSearch.TryCreate(set) is not { } search)
            {
                Assert.Contains(set, l => l.Length > 1 && !Ascii.IsValid(l) && l.Any(char.IsLetter));
                continue;
            }

            checkedSets++;
            var whole = SearchValues.Create(set, StringComparison.OrdinalIgnoreCase);
            bool exact = !set.Any(l => l.Length > 1 && !Ascii.IsValid(l) && l.Any(c => char.ToUpperInvariant(c) != c || char.ToLowerInvariant(c) != c));
            for (int t = 0; t < 20; t++)
            {
                string text = Text(random);
                bool expected = text.AsSpan().IndexOfAny(whole) >= 0;
                bool actual = search.Occurs(text);
                Assert.True(actual || !expected, $"[{string.Join(" | ", set)}] in '{text}': the whole set finds one, the split search not");
                Assert.True(!exact || actual == expected, $"[{string.Join(" | ", set)}] in '{text}': {expected} against {actual}");
                found += expected ? 1 : 0;
            }
        }

        Assert.True(checkedSets > 1_000 && found > 5_000, $"{checkedSets} sets searched, {found} texts holding a literal");
    }

    [Fact]
    public void ALiteralWithCasedNonAsciiCharsAndNoAsciiRun_CannotBeSearchedSo() =>
        Assert.Null(LiteralSetSearch.TryCreate(["\u00e9t\u00e9", "x%"]));

    /// <summary>Random Latin-1 text, mostly made of the pool's pieces in mixed case.</summary>
    private static string Text(Random random)
    {
        var text = new StringBuilder();
        int length = random.Next(0, 60);
        while (text.Length < length)
        {
            if (random.Next(3) == 0)
            {
                text.Append((char)random.Next(0, 256));
                continue;
            }

            string piece = Pool[random.Next(Pool.Length)];
            text.Append(random.Next(2) == 0 ? piece.ToUpperInvariant() : piece);
        }

        return text.ToString();
    }
}
