using System.Text;
using System.Text.RegularExpressions;
using EastWestIds.Signatures.Matching.Steps;
using EastWestIds.Signatures.Prefilter;

namespace EastWestIds.Signatures.Tests.Prefilter;

/// <summary>
/// The guard of the PHP function-call pcre (<see cref="WordCallShape"/>, <see cref="WordCallStep"/>): it may refuse a
/// value only when the regex cannot match it, checked against the shipped regex itself.
/// </summary>
public sealed class WordCallShapeTests
{
    private static (string Pattern, RegexOptions Options) Shipped() =>
        ShippedPatterns.Pcre().Single(p => p.Pattern.StartsWith(@"(?:^|[^\w$>.-]|\b)@?(?:eval|", StringComparison.Ordinal));

    [Fact]
    public void Recognize_TheShippedPattern_ListsItsNamesAndPrefixes()
    {
        (string pattern, RegexOptions options) = Shipped();
        WordCallShape shape = WordCallShape.Recognize(pattern, options)!;
        Assert.Contains("eval", shape.Names);
        Assert.Contains("call_user_func_array", shape.Names);
        Assert.Contains("include_once", shape.Names);
        Assert.Contains("posix_", shape.Prefixes);
        Assert.Null(WordCallShape.Recognize(pattern.Replace("eval|", "(?:ev|ab)al|", StringComparison.Ordinal), options));
        Assert.Null(WordCallShape.Recognize(pattern, options | RegexOptions.Multiline));
    }

    [Fact]
    public void Guard_AdmitsEveryValueTheShippedRegexMatches()
    {
        (string pattern, RegexOptions options) = Shipped();
        var regex = new Regex(pattern, options | RegexOptions.NonBacktracking);
        var guard = new WordCallStep(WordCallShape.Recognize(pattern, options)!);
        string[] pieces = ["eval", "EVAL", "system", "posix_", "kill", "mysqli_", "x", "chr", "Chrome", "call_user_func", "_array", "include",
            "_once", "(", "(", " ", "\t", "\r\n", "\u00A0", "\u0085", "/*", "*/", "\\n", "\\", "@", "$", ">", ".", "-", ",", "é", "5.0", ";", "a"];
        var random = new Random(11);
        int matched = 0, refused = 0;
        IEnumerable<string> made = Enumerable.Range(0, 60000)
            .Select(_ => string.Concat(Enumerable.Range(0, random.Next(1, 9)).Select(_ => pieces[random.Next(pieces.Length)])));
        string[] real = ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "x=system (1)", "a@eval\n(", "ord\t/* c */ (", "x\\nsystem\\n(", "pg_connect(", "pg_(", "file_exists  (", "myeval(", "$eval(", ".eval("];
        foreach (string value in made.Concat(real).Concat(ShippedPatterns.CorpusInputs().Where(v => v.All(c => c <= '\u00FF'))))
        {
            bool matches = regex.IsMatch(value);
            bool admits = guard.Admits(Encoding.Latin1.GetBytes(value));
            Assert.True(admits || !matches, $"the regex matches '{value}' but the guard refused it");
            matched += matches ? 1 : 0;
            refused += admits ? 0 : 1;
        }

        Assert.True(matched > 1000 && refused > 1000, $"{matched} matches, {refused} refusals: the test proves little");
        Assert.False(guard.Admits(Encoding.Latin1.GetBytes(real[0])), "a browser User-Agent has no call");
    }
}
