using EastWestIds.Signatures.Decoding;

namespace EastWestIds.Signatures.Tests.Decoding;

public class HtmlEntityDecoderTests
{
    private static string Decode(string input)
    {
        byte[] bytes = L1.Bytes(input);
        int n = HtmlEntityDecoder.Decode(bytes, bytes);
        return L1.Text(bytes.AsSpan(0, n));
    }

    [Theory]
    [InlineData("&lt;script&gt;", "<script>")]
    [InlineData("&#60;&#x3C;&#X3c;", "<<<")]
    [InlineData("&#106avascript&#58alert(1)", "javascript:alert(1)")] // no ';'
    [InlineData("&#0000000060;", "<")]
    [InlineData("java&Tab;script&colon;", "java\tscript:")]
    [InlineData("&lpar;1&rpar;", "(1)")]
    [InlineData("&ltimg", "<img")] // legacy name without ';'
    [InlineData("&quot;&amp;&apos;", "\"&'")]
    public void Decode_References_Decoded(string input, string expected) => Assert.Equal(expected, Decode(input));

    [Theory]
    [InlineData("a & b")]
    [InlineData("&")]
    [InlineData("&#")]
    [InlineData("&#x")]
    [InlineData("&#xg;")]
    [InlineData("&colon")] // non-legacy name needs ';'
    [InlineData("&unknown;")]
    [InlineData("AT&T")]
    public void Decode_NotAReference_KeptLiterally(string input) => Assert.Equal(input, Decode(input));

    [Theory]
    [InlineData("&#0;")]
    [InlineData("&#xD800;")]
    [InlineData("&#x110000;")]
    [InlineData("&#99999999999999999999;")]
    public void Decode_InvalidCodePoint_BecomesReplacementCharacter(string input) => Assert.Equal(L1.Utf8("\uFFFD"), Decode(input));

    [Fact]
    public void Decode_NonAscii_WrittenAsUtf8()
    {
        Assert.Equal(L1.Utf8("\u00A0é😀"), Decode("&nbsp;&#233;&#x1F600;"));
    }
}
