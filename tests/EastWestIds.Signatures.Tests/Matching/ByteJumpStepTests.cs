using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Loading;

namespace EastWestIds.Signatures.Tests.Matching;

/// <summary>
/// <c>byte_jump</c> as Suricata evaluates it (doc/userguide/rules/payload-keywords.rst, byte_jump): read a length,
/// move the cursor past it, and let the relative keywords after it match from there.
/// </summary>
public sealed class ByteJumpStepTests
{
    private static readonly byte[] Framed = [0x03, (byte)'a', (byte)'b', (byte)'c', (byte)'o', (byte)'k', 0x00, 0x00];

    private static bool Body(string options, byte[] body) =>
        TestEngine.Matcher(TestEngine.Rule(options)).Inspect(new FakeBuffers().With(InspectionBuffer.HttpRequestBody, body)) == 1;

    [Theory]
    [InlineData("byte_jump:1,0; content:\"ok\"; within:2;", true)]             // 1 + 3 = 4: "ok"
    [InlineData("byte_jump:1,0; content:\"ab\"; within:2;", false)]
    [InlineData("byte_jump:1,0,post_offset -3; content:\"ab\"; within:2;", true)]  // 4 - 3 = 1: "ab"
    [InlineData("byte_jump:1,0,from_beginning; content:\"co\"; within:2;", true)] // 0 + 3
    [InlineData("byte_jump:1,0,from_end,post_offset -9; content:\"bc\"; within:2;", true)] // 8 + 3 - 9 = 2: "bc"
    [InlineData("byte_jump:1,0,multiplier 2; content:\"|00|\"; within:1;", true)] // 1 + 6 = 7
    [InlineData("byte_jump:1,0,align; content:\"ok\"; within:2;", false)]    // 3 aligned to 4: 1 + 4 = 5, past "o"
    [InlineData("byte_jump:1,0,align; content:\"k\"; within:1;", true)]
    [InlineData("byte_jump:1,0,bitmask 0x02; content:\"bc\"; within:2;", true)] // 3 & 2 = 2, >> 1: 1 + 1 = 2
    [InlineData("byte_jump:1,0,multiplier 9;", false)]                        // 1 + 27: outside the buffer
    [InlineData("byte_jump:2,0,little; content:\"x\";", false)]               // 0x6103: far outside
    public void Binary_MovesTheCursor(string jump, bool expected)
    {
        Assert.Equal(expected, Body($"http.request_body; {jump}", Framed));
    }

    [Fact]
    public void PostOffset_AndFromEnd_LandWhereSuricataLands()
    {
        Assert.True(Body("http.request_body; byte_jump:1,0,post_offset -3; content:\"ab\"; within:3;", [0x03, (byte)'x', (byte)'a', (byte)'b', 0, 0])); // 1: "xab"
        Assert.True(Body("http.request_body; byte_jump:1,0,from_end,post_offset -7; content:\"ok\"; within:2;", Framed)); // 8 + 3 - 7 = 4
        Assert.False(Body("http.request_body; byte_jump:1,0,from_end; content:\"k\";", Framed)); // 8 + 3: past the end
    }

    [Theory]
    [InlineData("/?len=03abcX", true)]
    [InlineData("/?len=04abcX", false)]
    [InlineData("/?len=3_abcX", true)]  // "3_" reads 3 (the digits it starts with), counted from after both bytes
    [InlineData("/?len=zzabcX", false)] // no digit
    public void StringDec_AfterAContent_SkipsTheLength(string uri, bool expected)
    {
        Assert.Equal(expected, TestEngine.Matches("http.uri; content:\"len=\"; byte_jump:2,0,relative,string,dec; content:\"X\"; within:1;", uri));
    }

    [Theory]
    [InlineData("byte_jump:1;", "expected 'bytes, offset'")]
    [InlineData("byte_jump:9,0;", "a binary number is 1 to 8 bytes")]
    [InlineData("byte_jump:1,0,multiplier 0;", "unknown, repeated or malformed option 'multiplier 0'")]
    [InlineData("byte_jump:1,0,from_beginning,from_end;", "unknown, repeated or malformed option 'from_end'")]
    [InlineData("byte_jump:1,-1;", "a negative offset needs 'relative'")]
    [InlineData("byte_jump:1,0,relative;", "byte_jump: 'relative' needs a content or pcre before it")]
    [InlineData("byte_jump:len,0;", "byte_extract variables are not supported")]
    public void BadOptions_AreLoadErrors(string jump, string message)
    {
        SignatureLoadResult result = SignatureFileLoader.LoadTexts([("t.rules", $"alert http any any -> any any (msg:\"m\"; http.uri; {jump} sid:1;)")]);

        Assert.Contains(message, Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void AbsoluteJump_LetsRelativeKeywordsFollow()
    {
        // byte_jump sets the cursor: a relative content may follow it with nothing matched before.
        SignatureLoadResult result = SignatureFileLoader.LoadTexts([("t.rules", "alert http any any -> any any (msg:\"m\"; http.request_body; byte_jump:1,0; content:\"ok\"; distance:0; sid:1;)")]);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }
}
