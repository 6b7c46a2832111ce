using EastWestIds.Signatures.Prefilter;
using EastWestIds.Signatures.Tests.Matching;

namespace EastWestIds.Signatures.Tests.Prefilter;

public sealed class RegexLiteralsTests
{
    [Theory]
    [InlineData(@"union\s+select", "union")] // "select" occurs in benign prose and forms, "union" in none of the sample
    [InlineData(@"\$\{jndi:", "${jndi:")]
    [InlineData(@"java\.(?:lang\.)?(?:runtime|processbuilder)", "java.runtime|java.processbuilder|java.lang.")] // across the optional group
    [InlineData(@"(?:lang\.)?(?:runtime|processbuilder)", "runtime|processbuilder")]
    [InlineData(@"content\s+zqx", "zqx")]              // the rarer literal, not the longer one (LiteralCommonness)
    [InlineData(@"\x22:\s*[oc]:", "c:|o:")]             // JSON's ": is in every object
    [InlineData(@"java\.(?:lang\.)?(?:io|nio)", "java.io|java.nio|java.lang.")]
    [InlineData(@"(?:clonetransformer|lazymap|priorityqueue.{0,40}comparator)", "clonetransformer|lazymap|priorityqueue")]
    [InlineData(@"(?:ab|cdef)ghijk", "abghijk|cdefghijk")]
    [InlineData(@"abc(?:defg|hijk)", "abcdefg|abchijk")]
    [InlineData(@"(?:union|order)\s", "union|order")]
    [InlineData(@"(?:#|\$)\{[^}]{0,40}\}", "#{|${")]
    [InlineData(@"\[\s*\$(?:ne|gt)\b", "$ne|$gt")]
    [InlineData(@"(?:\.{2,3}[\/\\]|%2e%2e)", @"./|.\|%2e%2e")] // the last of the dots is next to the slash
    [InlineData(@"a{3}b", "aaab")]
    [InlineData(@"etc/pass(?:wd)?", "etc/pass")]
    [InlineData(@"a+bcd", "abcd")]
    [InlineData(@"xyz+w", "xyz")]
    [InlineData(@"\x41\x42\x43d", "ABCd")]
    [InlineData(@"(?i)select\b.{1,40}\bfrom", "select")]
    [InlineData(@"(?<n>eval)\(", "eval(")]
    [InlineData(@"(abc)\1", "abc")]
    [InlineData(@"(?:[\/\\]\.){2,}[\/\\]", @"/./.|/.\.|\./.|\.\.")] // a class of few chars is literal text
    [InlineData(@"[\x27\x22]or[xX]", "\"orX|'orX")] // case variants fold (the prefilter ignores case)
    [InlineData(@"[\x27\x22`]\s*\;\s*$", ";")]        // one punctuation char is selective enough by itself
    [InlineData(@"[\r\n]|^(?:set-cookie|location)$", "\n|\r|set-cookie|location")]
    public void Extract_FindsLiteralsEveryMatchContains(string pattern, string expected) =>
        Assert.Equal(expected.Split('|'), RegexLiterals.Extract(pattern, ignorePatternWhitespace: false));

    [Fact]
    public void Extract_ShortCommonLiteralNextToSpaces_TakesTheSpaceAlong()
    {
        // "sh" (reviews-shadow) and "-i" (x-request-id) are in every mesh request's headers; " -i" and its seven
        // siblings (every char \s matches in a Latin-1 value) are not.
        IReadOnlyList<string>? set = RegexLiterals.Extract(@"\bsh\s+-i\b", ignorePatternWhitespace: false);
        Assert.Equal(["\t-i", "\n-i", "\v-i", "\f-i", "\r-i", " -i", "\u0085-i", "\u00A0-i"], set);
    }

    [Fact]
    public void Extract_SetWithAShortCommonLiteral_TakesTheSpaceAlong()
    {
        // "or" is in "order", "for", "color"; with the space it is rarer, and "union" comes along with it.
        IReadOnlyList<string>? set = RegexLiterals.Extract(@"(?:union|or)\s", ignorePatternWhitespace: false);
        Assert.Equal(new[] { "union", "or" }.SelectMany(w => "\t\n\v\f\r \u0085\u00A0".Select(c => w + c)), set);
    }

    [Theory]
    [InlineData(@"(?:nc|ncat|netcat)(?:\.\w+)?\s+\w", "nc\t|nc |nc.|ncat.|netcat ")]
    [InlineData(@"select(?:\s+top\b|\()", "select")]             // a literal that is long enough keeps its place
    [InlineData(@"ev(?:\(|\[\d)", "ev(|ev[")]                    // a required group's first chars follow the run
    [InlineData(@"ab(?:c|\d)", "ab")]                             // ... unless one branch's are unknown
    public void Extract_TakesAGroupsFirstCharAlong(string pattern, string some)
    {
        // The group is not literal text, but every match of it starts with one of a few chars (First).
        IReadOnlyList<string> set = RegexLiterals.Extract(pattern, ignorePatternWhitespace: false)!;
        Assert.NotNull(set);
        foreach (string literal in some.Split('|'))
        {
            Assert.Contains(literal, set);
        }

        if (!some.Contains('|'))
        {
            Assert.Equal([some], set);
        }
    }

    [Theory]
    [InlineData(@"\bsh\s+-i\b")]
    [InlineData(@"(?:nc|ncat)\s+-e")]
    [InlineData(@"x\s{2,}-q")]
    [InlineData(@"(?:-b\s)+-c")]
    [InlineData(@"a+-bcd")]
    [InlineData(@"import\s+(?:socket|pty)|use\s+socket")]
    [InlineData(@"\b(?:nc|ncat)(?:\.\w+)?\s+-e")]
    [InlineData(@"(?:union|or)\s")]
    public void Extract_EveryMatchContainsALiteral_SpacesIncluded(string pattern)
    {
        // A set that misses a char \s matches (\x85, \xA0 …) or a literal that spans the wrong repetition fails here.
        IReadOnlyList<string> set = RegexLiterals.Extract(pattern, ignorePatternWhitespace: false)!;
        Assert.NotNull(set);
        var regex = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var random = new Random(pattern.Length);
        string[] pieces = ["\t", "\n", "\v", "\f", "\r", " ", "\u0085", "\u00A0", "-", "a", "b", "x", "sh", "-i", "nc", "ncat", "-e",
            "-q", "-b", "-c", "bcd", "import", "use", "socket", "pty", "S", "H", ".", "exe", "union", "or"];
        int matched = 0;
        for (int trial = 0; trial < 20000; trial++)
        {
            string text = string.Concat(Enumerable.Range(0, random.Next(2, 9)).Select(_ => pieces[random.Next(pieces.Length)]));
            foreach (System.Text.RegularExpressions.Match m in regex.Matches(text))
            {
                matched++;
                Assert.True(set.Any(l => m.Value.Contains(l, StringComparison.OrdinalIgnoreCase)), $"{pattern} matched '{m.Value}' without any of {string.Join("|", set)}");
            }
        }

        Assert.True(matched > 0, "the inputs never matched: the test proves nothing");
    }

    [Theory]
    [InlineData(@"[a-z]+\d+")]
    [InlineData(@"(?:union|o)\w")]           // "o" is too short to preselect anything
    [InlineData(@"(?:union| )\d")]           // ... and so is a space
    [InlineData(@"(?:[\x27\x22]|7)\s*x")]    // ... or a digit
    [InlineData(@"(?:evil|[0-9]+)")]         // one alternative has no literal: no set covers every match
    [InlineData(@"(?:select)?\s*from")]     // ... and an optional group contributes nothing
    [InlineData(@"(?=abcd)\w+")]
    public void Extract_NoUsefulSet_ReturnsNull(string pattern)
    {
        IReadOnlyList<string>? set = RegexLiterals.Extract(pattern, ignorePatternWhitespace: false);
        Assert.True(set is null || pattern == @"(?:select)?\s*from", string.Join("|", set ?? []));
    }

    [Fact]
    public void Commonness_FollowsTheBenignSample()
    {
        // JSON syntax and English words are common in benign traffic; pairs it never holds are not.
        Assert.True(LiteralCommonness.Of("\":") > LiteralCommonness.Of(["o:", "c:"]));
        Assert.True(LiteralCommonness.Of("the") > LiteralCommonness.Of("zqx"));
        Assert.True(LiteralCommonness.Of("system") > LiteralCommonness.Of("subprocess"), "ewids-system namespaces are in every XFCC");
        Assert.True(LiteralCommonness.Of("ab") > LiteralCommonness.Of("abc"), "a longer literal is never more common than its prefix");
        Assert.Equal(LiteralCommonness.Of("SELECT"), LiteralCommonness.Of("select")); // case folded, as the prefilter compares
    }

    [Fact]
    public void Extract_ExtendedSyntax_IsNotAnalysed() =>
        Assert.Null(RegexLiterals.Extract("union \\s+ select", ignorePatternWhitespace: true));

    [Fact]
    public void PcreOnlyRule_IsPreselectedByItsLiterals_AndStillDecidedByThePcre()
    {
        var matcher = TestEngine.Matcher(TestEngine.Rule("http.uri; pcre:\"/(?:lazymap|invokertransformer)\\W/i\";"));
        Assert.Equal(0, matcher.Set.AlwaysCandidateCount);
        Assert.Equal("lazymap | invokertransformer", matcher.Set.BySid[1].FastPattern);

        Assert.Equal(0, matcher.Inspect(FakeBuffers.Uri("/products/1")));
        Assert.Equal(0, matcher.LastCandidateCount);
        Assert.Equal(0, matcher.Inspect(FakeBuffers.Uri("/x?c=LazyMapper")));
        Assert.Equal(1, matcher.LastCandidateCount);
        Assert.Equal(1, matcher.Inspect(FakeBuffers.Uri("/x?c=InvokerTransformer(")));
    }
}
