using EastWestIds.Core;
using EastWestIds.Core.Findings;
using EastWestIds.Signatures.Compilation;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Matching;
using EastWestIds.Signatures.Tests.Matching;

namespace EastWestIds.Signatures.Tests.Compilation;

public sealed class SignatureCompilerTests
{
    [Fact]
    public void Compile_ClassType_GivesSuricataCategoryAndPriorityAsSeverity()
    {
        CompiledSignatureSet set = TestEngine.Compile(
            "alert http any any -> any any (msg:\"sqli\"; http.uri; content:\"union\"; classtype:web-application-attack; sid:10; rev:3;)",
            "alert http any any -> any any (msg:\"recon\"; http.uri; content:\".git/\"; classtype:attempted-recon; sid:11;)",
            "alert http any any -> any any (msg:\"override\"; http.uri; content:\"x\"; classtype:attempted-recon; priority:4; sid:12;)",
            "alert http any any -> any any (msg:\"none\"; http.uri; content:\"y\"; sid:13;)");

        Assert.Equal(new SignatureInfo(10, 3, "sqli", "web-application-attack", "Web Application Attack", Severity.High, FindingFamily.Attack), set.BySid[10].Info);
        Assert.Equal(("Attempted Information Leak", Severity.Medium), (set.BySid[11].Info.Category, set.BySid[11].Info.Severity));
        Assert.Equal(Severity.Info, set.BySid[12].Info.Severity);
        Assert.Equal(("", "", Severity.Low), (set.BySid[13].Info.ClassType, set.BySid[13].Info.Category, set.BySid[13].Info.Severity));
    }

    [Fact]
    public void Compile_FastPattern_ExplicitElseLongestPositiveContent()
    {
        CompiledSignatureSet set = TestEngine.Compile(
            TestEngine.Rule("http.uri; content:\"/a\"; fast_pattern; content:\"longer\";", 1),
            TestEngine.Rule("http.uri; content:\"/a\"; content:!\"muchlonger\"; http.header; content:\"longer\";", 2),
            TestEngine.Rule("http.uri; content:!\"x\"; pcre:\"/y/\";", 3));

        Assert.Equal("/a", set.BySid[1].FastPattern);
        Assert.Equal("longer", set.BySid[2].FastPattern);
        Assert.Null(set.BySid[3].FastPattern);
        Assert.Equal(1, set.AlwaysCandidateCount);
    }

    [Fact]
    public void Compile_WithoutExplicitFastPattern_APcresMuchRarerLiteralsPreselect()
    {
        // "xml" is in every XML request's Content-Type; the gadget names of the body's pcre are in none of them.
        CompiledSignatureSet set = TestEngine.Compile(
            TestEngine.Rule("http.content_type; content:\"xml\"; http.request_body; pcre:\"/(?:invokertransformer|lazymap)/i\";", 1),
            TestEngine.Rule("http.content_type; content:\"xml\"; fast_pattern; http.request_body; pcre:\"/(?:invokertransformer|lazymap)/i\";", 2),
            TestEngine.Rule("http.uri; content:\"zqxj\"; pcre:\"/(?:union|select)/i\";", 3));

        Assert.Equal("invokertransformer | lazymap", set.BySid[1].FastPattern);
        Assert.Equal("xml", set.BySid[2].FastPattern); // an explicit fast_pattern is the analyst's choice
        Assert.Equal("zqxj", set.BySid[3].FastPattern); // the content is the rarer

        var matcher = new SignatureMatcher(set);
        var xmlRequest = new FakeBuffers().With(InspectionBuffer.HttpContentType, "application/xml")
            .With(InspectionBuffer.HttpRequestBody, "<a>invokertransformer</a>");
        Assert.Equal(2, matcher.Inspect(xmlRequest));
        matcher.Inspect(new FakeBuffers().With(InspectionBuffer.HttpContentType, "application/xml").With(InspectionBuffer.HttpRequestBody, "<a>b</a>"));
        Assert.Equal([set.BySid[2].Index], matcher.LastCandidates.ToArray());
    }

    [Fact]
    public void Compile_FastPatternOnNegatedContent_WarnsAndUsesAPositiveOne()
    {
        SignatureCompileResult result = SignatureSetLoader.LoadTexts(
            [("w.rules", TestEngine.Rule("http.uri; content:!\"abc\"; fast_pattern; content:\"de\";", 5))], TestEngine.Options);

        Assert.True(result.Succeeded);
        Assert.Equal("de", result.Set!.BySid[5].FastPattern);
        SignatureLoadError warning = Assert.Single(result.Warnings);
        Assert.Equal(("w.rules", 1, 5L), (warning.File, warning.Line, warning.Sid));
    }

    [Fact]
    public void Compile_UnknownClassTypeAndMissingImplementations_AreErrorsNamingFileLineAndSid()
    {
        const string Rules =
            """
            alert http any any -> any any (msg:"a"; http.uri; content:"x"; classtype:no-such-class; sid:1;)
            alert http any any -> any any (msg:"b"; http.uri; url_decode; content:"y"; sid:2;)
            alert http any any -> any any (msg:"c"; http.arg; detect_sqli; sid:3;)
            alert http any any -> any any (msg:"d"; http.uri; content:"z"; sid:4;)
            """;

        SignatureCompileResult result = SignatureSetLoader.LoadTexts([("bad.rules", Rules)], new SignatureCompilerOptions { Transform = null });

        Assert.False(result.Succeeded);
        Assert.Null(result.Set);
        Assert.Collection(result.Errors,
            e => Assert.Equal("bad.rules:1:64: sid 1: classtype: 'no-such-class' is not in the classification table", e.ToString()[..e.ToString().IndexOf(" (known", StringComparison.Ordinal)]),
            e => Assert.Equal("bad.rules:2:51: sid 2: url_decode: no transform implementation is available in this build", e.ToString()),
            e => Assert.Equal("bad.rules:3:51: sid 3: detect_sqli: no detector implementation is available in this build", e.ToString()));
    }

    [Fact]
    public void Compile_UpperCaseHostContentWithoutNocase_IsAnError()
    {
        // http.host is lower-cased: such a content never matches (negated, always holds), so Suricata refuses it too.
        const string Rules =
            """
            alert http any any -> any any (msg:"a"; http.host; content:"Evil.Example"; sid:1;)
            alert http any any -> any any (msg:"b"; http.host; content:!"INTERNAL"; sid:2;)
            alert http any any -> any any (msg:"c"; http.host; content:"Evil.Example"; nocase; sid:3;)
            alert http any any -> any any (msg:"d"; http.host; content:"evil.example"; http.host.raw; content:"Evil"; sid:4;)
            """;

        SignatureCompileResult result = SignatureSetLoader.LoadTexts([("host.rules", Rules)]);

        Assert.Equal([1, 2], result.Errors.Select(e => e.Sid));
        Assert.All(result.Errors, e => Assert.Contains("http.host is lower-cased", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Compile_IdenticalSlotsAndLiterals_AreShared()
    {
        CompiledSignatureSet set = TestEngine.Compile(
            TestEngine.Rule("http.uri; to_lowercase; content:\"union\";", 1),
            TestEngine.Rule("http.uri; to_lowercase; content:\"UNION\"; nocase;", 2),
            TestEngine.Rule("http.uri; content:\"union\";", 3));

        Assert.Equal(2, set.Slots.Length);
        Assert.Equal(2, set.LiteralCount);
        var matcher = new SignatureMatcher(set);
        Assert.Equal(2, matcher.Inspect(FakeBuffers.Uri("/x?UNION")));
    }
}
