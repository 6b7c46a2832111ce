using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Loading;

namespace EastWestIds.Signatures.Tests.Matching;

/// <summary>
/// <c>byte_test</c> as Suricata evaluates it (doc/userguide/rules/payload-keywords.rst, byte_test): a number read as
/// text digits or as a binary number, absolute or after the previous match, masked, compared, possibly negated.
/// </summary>
public sealed class ByteTestStepTests
{
    private static bool Uri(string options, string uri) => TestEngine.Matches(options, uri);

    private static bool Body(string options, byte[] body) =>
        TestEngine.Matcher(TestEngine.Rule(options)).Inspect(new FakeBuffers().With(InspectionBuffer.HttpRequestBody, body)) == 1;

    [Theory]
    [InlineData("/a?id=150", true)]
    [InlineData("/a?id=100", false)]
    [InlineData("/a?id=99x", false)]    // 99: digits as strtoull reads them, up to the first that is not one
    [InlineData("/a?id=1500", true)]   // three bytes read: 150
    [InlineData("/a?id=x", false)]     // no digit: no number
    [InlineData("/a?id=1", false)]     // fewer bytes than asked for
    public void StringDec_AfterAContent_ComparesTheDigits(string uri, bool expected)
    {
        Assert.Equal(expected, Uri("http.uri; content:\"id=\"; byte_test:3,>,100,0,relative,string,dec;", uri));
    }

    [Fact]
    public void ZeroBytes_ReadToTheEndOfTheBuffer()
    {
        // Suricata's own example for http.content_len: the whole header value.
        Assert.True(Uri("http.uri; byte_test:0,>=,8079,1,string,dec;", "/8079"));
        Assert.False(Uri("http.uri; byte_test:0,>=,8079,1,string,dec;", "/8078"));
        Assert.True(Uri("http.uri; byte_test:0,>,4294967296,1,string,dec;", "/99999999999"));
    }

    [Theory]
    [InlineData("byte_test:2,=,0x0102,0;", true)]
    [InlineData("byte_test:2,=,0x0201,0,little;", true)]
    [InlineData("byte_test:2,=,0x0102,0,little;", false)]
    [InlineData("byte_test:1,&,0x80,2;", true)]
    [InlineData("byte_test:1,^,0x0f,2;", true)]
    [InlineData("byte_test:1,^,0xff,2;", false)]  // no bit differs
    [InlineData("byte_test:1,!=,0xff,2;", false)]
    [InlineData("byte_test:1,!,0xff,2;", false)]
    [InlineData("byte_test:1,=,3,2,bitmask 0x30;", true)]   // 0xff & 0x30 = 0x30, shifted by 4: 3
    [InlineData("byte_test:4,<=,0x0102ff,0;", false)]
    [InlineData("byte_test:3,<=,0x0102ff,0;", true)]
    [InlineData("byte_test:2,=,0,3;", false)]                // past the end
    public void Binary_BigOrLittleEndian_Masked(string test, bool expected)
    {
        Assert.Equal(expected, Body($"http.request_body; {test}", [0x01, 0x02, 0xff]));
    }

    [Fact]
    public void HexAndOctStrings_AndNegativeRelativeOffsets()
    {
        Assert.True(Uri("http.uri; content:\"v=\"; byte_test:2,=,255,0,relative,string,hex;", "/?v=ff"));
        Assert.True(Uri("http.uri; content:\"v=\"; byte_test:3,=,8,0,relative,string,oct;", "/?v=010"));
        Assert.True(Uri("http.uri; content:\"=\"; byte_test:1,=,0x76,-2,relative;", "/?v=1")); // 'v', two bytes back from after '='
    }

    [Theory]
    [InlineData("byte_test:3,>,100;", "expected 'bytes, operator, value, offset'")]
    [InlineData("byte_test:9,>,100,0;", "a binary number is 1 to 8 bytes")]
    [InlineData("byte_test:21,>,100,0,string,dec;", "is not a byte count")]
    [InlineData("byte_test:2,~,100,0;", "is not an operator")]
    [InlineData("byte_test:2,>,len,0;", "byte_extract variables are not supported")]
    [InlineData("byte_test:2,>,1,-1;", "a negative offset needs 'relative'")]
    [InlineData("byte_test:2,>,1,0,string,bin;", "is not a number type")]
    [InlineData("byte_test:2,>,1,0,string,dec,little;", "'little' applies to binary numbers")]
    [InlineData("byte_test:2,>,1,0,dce;", "'dce' applies to DCERPC")]
    [InlineData("byte_test:2,>,1,0,relative;", "byte_test: 'relative' needs a content or pcre before it")]
    public void BadOptions_AreLoadErrors(string test, string message)
    {
        SignatureLoadResult result = SignatureFileLoader.LoadTexts([("t.rules", $"alert http any any -> any any (msg:\"m\"; http.uri; {test} sid:1;)")]);

        Assert.Contains(message, Assert.Single(result.Errors).Message);
    }
}
