using System.Text.RegularExpressions;
using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Signatures.Tests.Keywords;

public sealed class NonBacktrackingSupportTests
{
    // Each pattern is also built with .NET's NonBacktracking engine: the text check must agree with it.
    [Theory]
    [InlineData(@"union\s+select", false)]
    [InlineData(@"[\1]x", false)] // inside a class \1 is an octal escape, not a backreference
    [InlineData(@"[(?=]a", false)]
    [InlineData(@"[]\\(?=]a", false)] // ']' first in a class is a member
    [InlineData(@"\(\?=x", false)]
    [InlineData(@"(?:a|b)(?i:c)(?<name>d)", false)]
    [InlineData(@"(['""])x\1", true)]
    [InlineData(@"(?<q>a)\k<q>", true)]
    [InlineData(@"a(?=b)", true)]
    [InlineData(@"a(?!b)", true)]
    [InlineData(@"(?<=a)b", true)]
    [InlineData(@"(?<!a)b", true)]
    [InlineData(@"(?>a+)b", true)]
    [InlineData(@"(?(a)b|c)", true)]
    [InlineData(@"(?<o>a)(?<c-o>b)", true)]
    [InlineData(@"\Gabc", true)]
    public void Rejection_AgreesWithTheNonBacktrackingEngine(string pattern, bool rejected)
    {
        bool engineRejects = false;
        try
        {
            _ = new Regex(pattern, RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            engineRejects = true;
        }

        Assert.Equal(rejected, engineRejects);
        Assert.Equal(rejected, NonBacktrackingSupport.Rejection(pattern) is not null);
    }
}
