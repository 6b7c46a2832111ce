using EastWestIds.Signatures.Decoding;

namespace EastWestIds.Signatures.Tests.Decoding;

public class PercentDecoderTests
{
    private static (string Text, DecodingAnomalies Anomalies) Once(string input, bool plus = false)
    {
        byte[] bytes = L1.Bytes(input);
        var output = new byte[bytes.Length];
        DecodingAnomalies a = DecodingAnomalies.None;
        int n = PercentDecoder.Decode(bytes, output, plus, ref a);
        return (L1.Text(output.AsSpan(0, n)), a);
    }

    private static (string Text, DecodingAnomalies Anomalies) Stable(string input, bool plus = false)
    {
        byte[] bytes = L1.Bytes(input);
        DecodingAnomalies a = DecodingAnomalies.None;
        int n = PercentDecoder.DecodeUntilStable(bytes, bytes, plus, ref a); // in place
        return (L1.Text(bytes.AsSpan(0, n)), a);
    }

    [Theory]
    [InlineData("%41%42c", "ABc")]
    [InlineData("%2e%2E%2f", "../")]
    [InlineData("%3Cscript%3e", "<script>")]
    [InlineData("a+b", "a+b")]
    [InlineData("", "")]
    public void Decode_ValidEscapes_Decoded(string input, string expected)
    {
        (string text, DecodingAnomalies a) = Once(input);
        Assert.Equal(expected, text);
        Assert.Equal(DecodingAnomalies.None, a);
    }

    [Fact]
    public void Decode_PlusAsSpace_OnlyWhenAsked()
    {
        Assert.Equal("a b", Once("a+b", plus: true).Text);
        Assert.Equal("a+b", Once("a%2Bb", plus: true).Text);
    }

    [Theory]
    [InlineData("%", "%")]
    [InlineData("abc%4", "abc%4")]
    [InlineData("%zz1", "%zz1")]
    [InlineData("100%", "100%")]
    [InlineData("%4g", "%4g")]
    [InlineData("%%41", "%A")]
    public void Decode_InvalidOrTruncatedEscape_KeptLiterallyAndFlagged(string input, string expected)
    {
        (string text, DecodingAnomalies a) = Once(input);
        Assert.Equal(expected, text);
        Assert.True(a.HasFlag(DecodingAnomalies.InvalidPercentEncoding));
    }

    [Fact]
    public void Decode_NullByte_Flagged()
    {
        (string text, DecodingAnomalies a) = Once("a%00b");
        Assert.Equal("a\0b", text);
        Assert.Equal(DecodingAnomalies.NullByte, a);
    }

    [Theory]
    [InlineData("%u003c", "<")]
    [InlineData("%U002E%u002e", "..")]
    [InlineData("%u00e9", "\u00C3\u00A9")] // é as UTF-8 bytes
    [InlineData("%u2215", "\u00E2\u0088\u0095")]
    public void Decode_PercentU_DecodedAsUtf8AndFlagged(string input, string expected)
    {
        (string text, DecodingAnomalies a) = Once(input);
        Assert.Equal(expected, text);
        Assert.True(a.HasFlag(DecodingAnomalies.PercentUEncoding));
    }

    [Theory]
    [InlineData("%uD83D%uDE00", "\u00F0\u009F\u0098\u0080")] // 😀: the pair is one character, as IIS and JSON's \u read it
    [InlineData("a%ud83d%UDE00b", "a\u00F0\u009F\u0098\u0080b")]
    public void Decode_PercentUSurrogatePair_OneCharacter(string input, string expected)
    {
        (string text, DecodingAnomalies a) = Once(input);
        Assert.Equal(expected, text);
        Assert.Equal(DecodingAnomalies.PercentUEncoding, a);
        Assert.Equal(expected, Stable(input).Text); // in place too
    }

    [Theory]
    [InlineData("%uD83D")] // a high surrogate at the end
    [InlineData("%uD83Dx")]
    [InlineData("%uDE00%uD83D")] // the wrong order
    [InlineData("%uD83D%u0041")]
    public void Decode_PercentULoneSurrogate_KeptAndFlagged(string input)
    {
        (_, DecodingAnomalies a) = Once(input);
        Assert.True(a.HasFlag(DecodingAnomalies.InvalidCodePoint));
        Assert.True(a.HasFlag(DecodingAnomalies.PercentUEncoding));
    }

    [Fact]
    public void Decode_TruncatedPercentU_KeptLiterally()
    {
        (string text, DecodingAnomalies a) = Once("%u00");
        Assert.Equal("%u00", text);
        Assert.True(a.HasFlag(DecodingAnomalies.InvalidPercentEncoding));
        Assert.False(a.HasFlag(DecodingAnomalies.PercentUEncoding));
    }

    [Theory]
    [InlineData("%252e%252e%252f", "../")]
    [InlineData("%2573elect%2520user", "select user")]
    [InlineData("%25252e%25252e/etc", "../etc")] // triple encoding
    [InlineData("%2541DMIN", "ADMIN")]
    [InlineData("a%252Db%255Fc", "a-b_c")]
    [InlineData("%250a%250d", "\n\r")] // control characters
    [InlineData("%25c0.%25c0.", "\u00c0.\u00c0.")] // a byte that is never UTF-8
    public void DecodeUntilStable_AnEscapedUnreservedCharInsideAnEscape_DecodedAndFlagged(string input, string expected)
    {
        (string text, DecodingAnomalies a) = Stable(input);
        Assert.Equal(expected, text);
        Assert.True(a.HasFlag(DecodingAnomalies.DoubleEncoding));
    }

    [Theory]
    [InlineData("https%3A%2F%2Fdocs.example.com%2Fsearch%3Fq%3Drain%2520jacket", "https://docs.example.com/search?q=rain jacket")]
    [InlineData("https%3A%2F%2Fshop.example.com%2Fp%2Fmen%2527s-shoes", "https://shop.example.com/p/men's-shoes")]
    [InlineData("select%2520user", "select user")]
    [InlineData("select%252520user", "select user")] // triple encoding of a space (CRS 942190-27): still decoded
    [InlineData("%257E", "~")] // Java's URLEncoder escapes '~'
    public void DecodeUntilStable_AValueThatIsAUrlWithEscapes_DecodedButNotFlagged(string input, string expected)
    {
        // A correct client encodes a URL-valued parameter twice; only an escape no encoder makes is an anomaly.
        (string text, DecodingAnomalies a) = Stable(input);
        Assert.Equal(expected, text);
        Assert.False(a.HasFlag(DecodingAnomalies.DoubleEncoding));
    }

    [Fact]
    public void DecodeUntilStable_StopsAfterMaxPasses()
    {
        // four levels: three passes leave one level of encoding.
        Assert.Equal("%2e", Stable("%2525252e").Text);
    }

    [Fact]
    public void DecodeUntilStable_SingleEncoding_NotFlaggedDouble()
    {
        (string text, DecodingAnomalies a) = Stable("100%25 sure");
        Assert.Equal("100% sure", text);
        Assert.Equal(DecodingAnomalies.None, a);
    }

    [Fact]
    public void DecodeUntilStable_DecodedPlusStaysPlus()
    {
        Assert.Equal("a+b c", Stable("a%252Bb+c", plus: true).Text);
    }
}
