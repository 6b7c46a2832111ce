using EastWestIds.Signatures.Decoding;

namespace EastWestIds.Signatures.Tests.Decoding;

public class OverlongUtf8DecoderTests
{
    private static (string Text, DecodingAnomalies Anomalies) Decode(string latin1)
    {
        byte[] bytes = L1.Bytes(latin1);
        DecodingAnomalies a = DecodingAnomalies.None;
        int n = OverlongUtf8Decoder.Decode(bytes, bytes, ref a);
        return (L1.Text(bytes.AsSpan(0, n)), a);
    }

    [Theory]
    [InlineData("\u00C0\u00AE", ".")] // 2-byte overlong of '.'
    [InlineData("\u00C1\u009C", "\\")] // C1 9C = '\'
    [InlineData("\u00E0\u0080\u00AE", ".")] // 3-byte
    [InlineData("\u00F0\u0080\u0080\u00AF", "/")] // 4-byte
    [InlineData("\u00E0\u0082\u0080", "\u00C2\u0080")] // 3-byte overlong of U+0080 becomes its 2-byte form
    [InlineData("\u00C0\u00AE\u00C0\u00AE/etc", "../etc")]
    public void Decode_Overlong_ShortenedAndFlagged(string input, string expected)
    {
        (string text, DecodingAnomalies a) = Decode(input);
        Assert.Equal(expected, text);
        Assert.True(a.HasFlag(DecodingAnomalies.OverlongUtf8));
    }

    [Fact]
    public void Decode_OverlongNul_FlagsNullByte()
    {
        (string text, DecodingAnomalies a) = Decode("a\u00C0\u0080b");
        Assert.Equal("a\0b", text);
        Assert.True(a.HasFlag(DecodingAnomalies.NullByte));
    }

    [Theory]
    [InlineData("caf\u00C3\u00A9")] // valid é
    [InlineData("\u00E0\u00A0\u0080")] // valid U+0800 (shortest 3-byte form)
    [InlineData("\u00F0\u0090\u0080\u0080")] // valid U+10000
    [InlineData("\u00C0")] // truncated at end
    [InlineData("\u00C0A")] // bad continuation
    [InlineData("\u00E0\u0080")] // truncated 3-byte
    [InlineData("\u00FF\u00FE")] // invalid bytes
    public void Decode_NotOverlong_KeptAsBytes(string input)
    {
        (string text, DecodingAnomalies a) = Decode(input);
        Assert.Equal(input, text);
        Assert.Equal(DecodingAnomalies.None, a);
    }
}
