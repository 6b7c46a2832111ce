using System.Text;
using EastWestIds.Signatures.Decoding;
using EastWestIds.Signatures.Transforms;

namespace EastWestIds.Signatures.Tests.Decoding;

public class QuotedPrintableDecoderTests
{
    private static string Decode(string input)
    {
        byte[] bytes = Encoding.Latin1.GetBytes(input);
        var output = new byte[bytes.Length];
        return Encoding.Latin1.GetString(output, 0, QuotedPrintableDecoder.Decode(bytes, output));
    }

    [Theory]
    [InlineData("=27=20OR=201=3D1--", "' OR 1=1--")]
    [InlineData("=3cscript=3e", "<script>")] // lower-case hex, as lenient readers take it
    [InlineData("caf=C3=A9", "caf\u00C3\u00A9")]
    [InlineData("long line=\r\ncontinued", "long linecontinued")] // soft line break
    [InlineData("soft=  \ncontinued", "softcontinued")] // spaces before the break, LF only
    [InlineData("a=b", "a=b")] // not an escape: kept
    [InlineData("a=", "a=")]
    [InlineData("a=4", "a=4")]
    [InlineData("=G0", "=G0")]
    [InlineData("", "")]
    public void QuotedPrintable_DecodedAsLenientReadersDo(string input, string expected) => Assert.Equal(expected, Decode(input));

    [Theory]
    [InlineData("JyBPUiAxPTEtLQ==", "' OR 1=1--")]
    [InlineData("JyBPUiAx\r\nPTEtLQ==\r\n", "' OR 1=1--")] // MIME line breaks
    [InlineData("Jy BP UiAx PTEt LQ", "' OR 1=1--")] // spaces, no padding
    [InlineData("JyBP!!UiAx", "' OR 1")] // other bytes outside the alphabet are skipped, not an end
    public void MimeBase64_SkipsBytesOutsideTheAlphabet(string input, string expected)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(input);
        var output = new byte[bytes.Length];
        Assert.Equal(expected, Encoding.Latin1.GetString(output, 0, Base64Decoder.DecodeMime(bytes, output)));
    }
}
