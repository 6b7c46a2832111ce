using EastWestIds.Signatures.Decoding;

namespace EastWestIds.Signatures.Tests.Decoding;

public class JsonStringDecoderTests
{
    private static (string Text, DecodingAnomalies Anomalies) Decode(string input)
    {
        byte[] bytes = L1.Bytes(input);
        DecodingAnomalies a = DecodingAnomalies.None;
        int n = JsonStringDecoder.Decode(bytes, bytes, ref a);
        return (L1.Text(bytes.AsSpan(0, n)), a);
    }

    [Theory]
    [InlineData(@"\u003cscript\u003E", "<script>")]
    [InlineData(@"a\""b\\c\/d", "a\"b\\c/d")]
    [InlineData(@"\b\f\n\r\t", "\b\f\n\r\t")]
    [InlineData(@"\u0027 OR 1=1", "' OR 1=1")]
    [InlineData("plain", "plain")]
    public void Decode_Escapes_Decoded(string input, string expected)
    {
        (string text, DecodingAnomalies a) = Decode(input);
        Assert.Equal(expected, text);
        Assert.Equal(DecodingAnomalies.None, a);
    }

    [Fact]
    public void Decode_SurrogatePair_JoinedToFourByteUtf8()
    {
        Assert.Equal(L1.Utf8("😀"), Decode(@"\ud83d\ude00").Text);
    }

    [Fact]
    public void Decode_LoneSurrogate_WrittenAndFlagged()
    {
        (string text, DecodingAnomalies a) = Decode(@"\ud83dx");
        Assert.Equal("\u00ED\u00A0\u00BDx", text);
        Assert.True(a.HasFlag(DecodingAnomalies.InvalidCodePoint));
    }

    [Fact]
    public void Decode_EscapedNul_Flagged()
    {
        (string text, DecodingAnomalies a) = Decode(@"a\u0000b");
        Assert.Equal("a\0b", text);
        Assert.True(a.HasFlag(DecodingAnomalies.NullByte));
    }

    [Theory]
    [InlineData(@"\x41", @"\x41")]
    [InlineData(@"abc\", @"abc\")]
    [InlineData(@"\u12", @"\u12")]
    [InlineData(@"\u12g4", @"\u12g4")]
    public void Decode_BadEscape_KeptLiterallyAndFlagged(string input, string expected)
    {
        (string text, DecodingAnomalies a) = Decode(input);
        Assert.Equal(expected, text);
        Assert.True(a.HasFlag(DecodingAnomalies.MalformedJson));
    }
}
