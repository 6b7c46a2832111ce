using System.Text;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Syntax;
using EastWestIds.Signatures.Transforms;

namespace EastWestIds.Signatures.Tests.Transforms;

public class BufferTransformsTests
{
    private static TransformOption Option(TransformKind kind, byte[]? key = null) => new(kind, key, kind.ToString(), new SourceLocation("t.rules", 1, 1));

    private static string Apply(TransformKind kind, string input, byte[]? key = null)
    {
        byte[] bytes = Encoding.Latin1.GetBytes(input);
        var output = new byte[bytes.Length + 1];
        int n = BufferTransforms.Apply(Option(kind, key), bytes, output);
        return n == BufferTransforms.Unchanged ? input : Encoding.Latin1.GetString(output, 0, n);
    }

    [Theory]
    [InlineData(TransformKind.UrlDecode, "plain-value_1.json", true)]
    [InlineData(TransformKind.UrlDecode, "a+b", false)]
    [InlineData(TransformKind.UrlDecode, "%zz", false)] // an invalid escape stays, but the decoder is asked
    [InlineData(TransformKind.ToLowercase, "select 1", true)]
    [InlineData(TransformKind.ToLowercase, "Select", false)]
    [InlineData(TransformKind.StripWhitespace, "a,b", true)]
    [InlineData(TransformKind.CompressWhitespace, "a\vb", false)]
    [InlineData(TransformKind.HtmlDecode, "a < b", true)]
    [InlineData(TransformKind.HtmlDecode, "&amp;", false)]
    [InlineData(TransformKind.DotPrefix, "", false)]
    public void Apply_SaysUnchanged_WithoutWriting_OnlyWhenNothingIsRewritten(TransformKind kind, string input, bool unchanged)
    {
        var output = new byte[input.Length + 1];
        Array.Fill(output, (byte)'#');
        int n = BufferTransforms.Apply(Option(kind), Encoding.Latin1.GetBytes(input), output);
        Assert.Equal(unchanged, n == BufferTransforms.Unchanged);
        if (unchanged)
        {
            Assert.All(output, b => Assert.Equal((byte)'#', b));
        }
    }

    [Theory]
    [InlineData("%3Cscript%3E+x", "<script> x")]
    [InlineData("%252e", "%2e")] // one pass, like Suricata's url_decode
    [InlineData("%zz", "%zz")]
    public void UrlDecode_DecodesOnce(string input, string expected) => Assert.Equal(expected, Apply(TransformKind.UrlDecode, input));

    [Fact]
    public void ToLowercase_AsciiOnly() => Assert.Equal("select \u00C9", Apply(TransformKind.ToLowercase, "SeLeCT \u00C9"));

    [Theory]
    [InlineData("a  \t\r\nb", "a b")]
    [InlineData("  a", " a")]
    [InlineData("a \v\fb ", "a b ")]
    public void CompressWhitespace_RunsBecomeOneSpace(string input, string expected) => Assert.Equal(expected, Apply(TransformKind.CompressWhitespace, input));

    [Fact]
    public void StripWhitespace_RemovesAll() => Assert.Equal("unionselect", Apply(TransformKind.StripWhitespace, " union\t\r\n select\v\f"));

    [Fact]
    public void DotPrefix_PrependsDot_UsingTheExtraByte() => Assert.Equal(".example.com", Apply(TransformKind.DotPrefix, "example.com"));

    [Theory]
    [InlineData("aGVsbG8gd29ybGQ=", "hello world")]
    [InlineData("aGVsbA", "hell")] // incomplete quantum: whole bytes only
    [InlineData("aGVsbG8", "hello")]
    [InlineData("aGVs bG8=", "hel")] // stops at the space (RFC 4648 mode)
    [InlineData("Zm9v=YmFy", "foo")] // stops at padding
    [InlineData("!!!", "")]
    [InlineData("", "")]
    public void FromBase64_Rfc4648_StopsAtFirstInvalid(string input, string expected) => Assert.Equal(expected, Apply(TransformKind.FromBase64, input));

    [Fact]
    public void Xor_RepeatingKey()
    {
        Assert.Equal("\u0001\u0003\u0003\u0007", Apply(TransformKind.Xor, "\u0000\u0000\u0002\u0004", [0x01, 0x03]));
        Assert.Equal("abc", Apply(TransformKind.Xor, Apply(TransformKind.Xor, "abc", [0x0d, 0x0a, 0xc8]), [0x0d, 0x0a, 0xc8]));
    }

    [Fact]
    public void HtmlDecode_DecodesEntities() => Assert.Equal("<img src=x>", Apply(TransformKind.HtmlDecode, "&lt;img src=x&#62"));

    [Fact]
    public void Apply_OutputTooSmall_Throws()
    {
        var output = new byte[3];
        Assert.Throws<ArgumentException>(() => BufferTransforms.Apply(Option(TransformKind.ToLowercase), "abc"u8, output));
    }

    [Fact]
    public void Registry_HtmlDecode_IsATransform()
    {
        Assert.Contains("html_decode", KeywordRegistry.Default.Names);
    }
}
