using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Matching;
using EastWestIds.Signatures.Matching.Steps;

namespace EastWestIds.Signatures.Tests.Matching;

/// <summary>
/// A pcre's regex runs only on values that hold a literal of each of its rare required parts (but the part whose
/// literals preselected the rule: the value is there because it holds one): "select" without "from" is settled by a
/// search, and so is the content "java" without the pattern's "java.lang.".
/// </summary>
public sealed class RequiredLiteralSetsTests
{
    [Fact]
    public void Pcre_WithoutAnotherRequiredWord_NeverRunsItsRegex()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.uri; content:\"select\"; pcre:\"/\\bselect\\b.{0,40}\\bfrom\\b/i\";"));
        LazyRegex regex = Pcre(matcher, 0).Pattern;

        Assert.Equal(0, matcher.Inspect(FakeBuffers.Uri("/q?sort=select+a+size")));
        Assert.False(regex.IsBuilt); // "from" is missing: the regex was not needed
        Assert.Equal(0, matcher.Inspect(FakeBuffers.Uri("/q?s=select+a+size+fromage")));
        Assert.True(regex.IsBuilt); // "from" is there (in "fromage"): only the regex can tell
        Assert.Equal(1, matcher.Inspect(FakeBuffers.Uri("/q?s=1 union select pw FROM users")));
    }

    [Fact]
    public void Pcre_PreselectedByAContent_ChecksItsOwnRarerLiteralsFirst()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.header; content:\"java\"; nocase; pcre:\"/java\\.lang\\.(?:runtime|system)\\b/i\";"));

        Assert.Equal(0, matcher.Inspect(new FakeBuffers().With(InspectionBuffer.HttpHeader, "user-agent: grpc-java-netty/1.64.0\r\n")));
        Assert.False(Pcre(matcher, 0).Pattern.IsBuilt);
        Assert.Equal(1, matcher.Inspect(new FakeBuffers().With(InspectionBuffer.HttpHeader, "x-a: ${java.lang.Runtime}\r\n")));
    }

    [Fact]
    public void Pcre_WhoseLiteralsPreselectTheRule_DoesNotSearchThemAgain()
    {
        // pcre-only: "select" is the prefilter's (every value here holds it); only "from" is left to search for
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.uri; pcre:\"/\\bselect\\b.{0,40}\\bfrom\\b/i\";"));

        Assert.Equal("select", matcher.Set.Get(0).FastPattern);
        Assert.Single(Pcre(matcher, 0).RequiredLiteralSets);
        Assert.Equal(0, matcher.Inspect(FakeBuffers.Uri("/q?sort=select+a+size")));
        Assert.False(Pcre(matcher, 0).Pattern.IsBuilt);
    }

    [Fact]
    public void Pcre_WithCommonLiteralsOnly_SearchesNothingFirst()
    {
        // "or" and "and" are in most prose: a search would rarely refuse a value and cost on every near match
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.uri; content:\"zqxj\"; pcre:\"/\\b(?:or|and)\\b\\s+\\d/i\";"));

        Assert.Empty(Pcre(matcher, 0).RequiredLiteralSets);
    }

    private static PcreStep Pcre(SignatureMatcher matcher, int rule) =>
        matcher.Set.Get(rule).Programs.SelectMany(p => p.Steps).OfType<PcreStep>().Single();
}
