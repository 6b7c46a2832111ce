using System.Text;
using EastWestIds.Signatures.Compilation;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Loading;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Signatures.Tests.Matching;

/// <summary>
/// <c>base64_decode; base64_data;</c> as Suricata documents them (doc/userguide/rules/base64-keywords.rst): decode from
/// the buffer (or after the previous match), then inspect the decoded bytes as a buffer of their own.
/// </summary>
public sealed class Base64DataStepTests
{
    private static string B64(string text) => Convert.ToBase64String(Encoding.Latin1.GetBytes(text));

    private static bool Body(string options, string body) =>
        TestEngine.Matcher(TestEngine.Rule(options)).Inspect(new FakeBuffers().With(InspectionBuffer.HttpRequestBody, body)) == 1;

    [Fact]
    public void SuricatasExample_DecodesAfterTheMatch_SkippingOffset()
    {
        // The documentation's rule: "test" base64-encoded after "somestring" and one more byte, in the URI.
        const string Rule = "http.uri; content:\"somestring\"; base64_decode:bytes 8, offset 1, relative; base64_data; content:\"test\";";

        Assert.True(TestEngine.Matches(Rule, $"/?somestring={B64("test")}"));
        Assert.False(TestEngine.Matches(Rule, $"/?somestring={B64("nope")}"));
        Assert.False(TestEngine.Matches(Rule, $"/?somestring=={B64("test")}")); // one byte too far: other bits
    }

    [Fact]
    public void Bytes_LimitsWhatIsDecoded()
    {
        string body = B64("abcdefghijkl"); // 16 base64 chars; 8 of them are 6 bytes: "abcdef"
        Assert.True(Body("http.request_body; base64_decode:bytes 8; base64_data; content:\"abcdef\"; endswith;", body));
        Assert.False(Body("http.request_body; base64_decode:bytes 8; base64_data; content:\"ghi\";", body));
        Assert.True(Body("http.request_body; base64_decode; base64_data; content:\"ghi\";", body));
    }

    [Fact]
    public void DecodedBytes_AreABufferOfTheirOwn_ForPositionsRelativesAndPcre()
    {
        string body = "token=" + B64("1 UNION  SELECT password FROM users");
        Assert.True(Body("http.request_body; content:\"token=\"; base64_decode:relative; base64_data; content:\"1 \"; depth:2; content:\"SELECT\"; distance:0; within:13;", body));
        Assert.True(Body("http.request_body; content:\"token=\"; base64_decode:relative; base64_data; pcre:\"/union\\s+select/i\";", body));
        Assert.False(Body("http.request_body; content:\"token=\"; base64_decode:relative; base64_data; content:\"token\";", body));
    }

    [Fact]
    public void Decoding_StopsAtTheFirstByteOutsideTheAlphabet()
    {
        // RFC 4648, as Suricata 7 decodes by default: the rest of the string is rejected.
        Assert.False(Body("http.request_body; base64_decode; base64_data; content:\"second\";", B64("first!") + "." + B64("second")));
    }

    [Fact]
    public void DecodedContents_NeitherPreselectNorGateTheRule()
    {
        // "<" is in the decoded bytes only: the prefilter and the char-class gate judge the value as sent, so neither
        // may require it. The rule is preselected by its raw content, or runs on every request without one.
        CompiledSignatureSet set = TestEngine.Compile(
            TestEngine.Rule("http.request_body; content:\"img=\"; base64_decode:relative; base64_data; content:\"<svg\"; fast_pattern;", 1),
            TestEngine.Rule("http.request_body; base64_decode; base64_data; content:\"<svg\";", 2));

        Assert.Equal("img=", set.BySid[1].FastPattern);
        Assert.Null(set.BySid[2].FastPattern);
        var matcher = new SignatureMatcher(set);
        Assert.Equal(2, matcher.Inspect(new FakeBuffers().With(InspectionBuffer.HttpRequestBody, B64("<svg onload=alert(1)>"), "img=" + B64("<svg/>"))));
    }

    [Theory]
    [InlineData("http.uri; base64_data; content:\"a\";", "base64_data: must directly follow base64_decode")]
    [InlineData("http.uri; base64_decode; content:\"a\";", "base64_decode: must be directly followed by base64_data")]
    [InlineData("http.uri; base64_decode;", "base64_decode: must be directly followed by base64_data")]
    [InlineData("http.uri; base64_decode:relative; base64_data;", "base64_decode: 'relative' needs a content or pcre")]
    [InlineData("http.uri; base64_decode; base64_data; http.header; base64_decode; base64_data;", "base64_decode: a rule takes one")]
    [InlineData("http.uri; base64_decode:bytes 0; base64_data;", "unknown, repeated or malformed option 'bytes 0'")]
    [InlineData("http.uri; base64_decode:offset -1; base64_data;", "unknown, repeated or malformed option 'offset -1'")]
    public void Misuse_IsALoadError(string options, string message)
    {
        SignatureLoadResult result = SignatureFileLoader.LoadTexts([("t.rules", $"alert http any any -> any any (msg:\"m\"; {options} sid:1;)")]);

        Assert.Contains(message, Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void FastPatternOnADecodedContent_IsAWarning_TheRuleLoads()
    {
        SignatureCompileResult result = SignatureSetLoader.LoadTexts([("t.rules",
            "alert http any any -> any any (msg:\"m\"; http.uri; base64_decode; base64_data; content:\"<svg\"; fast_pattern; sid:1;)")]);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Contains(result.Warnings, w => w.Message.Contains("a content of base64_data cannot preselect", StringComparison.Ordinal));
    }
}
