using System.Text;
using EastWestIds.Signatures.Decoding;

namespace EastWestIds.Signatures.Tests.Decoding;

public class BodyTranscoderTests
{
    private const string Text = "{\"name\":\"Zoë O'Brien\",\"q\":\"<script>alert(1)</script>\",\"€\":1}";

    public static TheoryData<int> EncodingsOfText() => [1200, 1201, 12000, 12001, 37, 500, 1140, 1047];

    private static Encoding Get(int codePage) => codePage switch
    {
        1200 => new UnicodeEncoding(false, false),
        1201 => new UnicodeEncoding(true, false),
        12000 => new UTF32Encoding(false, false),
        12001 => new UTF32Encoding(true, false),
        _ => CodePagesEncodingProvider.Instance.GetEncoding(codePage)!,
    };

    private static string Transcode(BodyTranscoder transcoder, byte[] body, Encoding encoding, out DecodingAnomalies anomalies)
    {
        anomalies = DecodingAnomalies.None;
        transcoder.Transcode(body, encoding, ref anomalies);
        return Encoding.UTF8.GetString(transcoder.Result);
    }

    [Theory]
    [MemberData(nameof(EncodingsOfText))]
    public void Text_BecomesTheSameTextInUtf8(int codePage)
    {
        Encoding encoding = Get(codePage);
        string expected = encoding.GetString(encoding.GetBytes(Text)); // EBCDIC without a euro sign writes '?'
        Assert.Equal(expected, Transcode(new BodyTranscoder(1 << 20), encoding.GetBytes(Text), encoding, out DecodingAnomalies anomalies));
        Assert.Equal(DecodingAnomalies.None, anomalies);
        Assert.Contains("<script>alert(1)</script>", expected, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf16_BecomesReplacementChars()
    {
        byte[] body = [(byte)'a', 0, 0x00, 0xD8, (byte)'b', 0, (byte)'c']; // a, lone high surrogate, b, odd trailing byte
        Assert.Equal("a\uFFFDb\uFFFD", Transcode(new BodyTranscoder(1 << 20), body, new UnicodeEncoding(false, false), out _));
    }

    [Fact]
    public void OverTheBudget_CutAndFlagged()
    {
        byte[] body = new UnicodeEncoding(false, false).GetBytes(new string('x', 5000));
        Assert.Equal(new string('x', 1000), Transcode(new BodyTranscoder(1000), body, new UnicodeEncoding(false, false), out DecodingAnomalies anomalies));
        Assert.Equal(DecodingAnomalies.DecodeBudgetExceeded, anomalies);
    }

    [Fact]
    public void Reused_EachResultIsItsOwnBody()
    {
        var transcoder = new BodyTranscoder(1 << 20);
        Encoding utf16 = new UnicodeEncoding(false, false);
        Assert.Equal(new string('y', 3000), Transcode(transcoder, utf16.GetBytes(new string('y', 3000)), utf16, out _));
        Assert.Equal("short", Transcode(transcoder, utf16.GetBytes("short"), utf16, out _));
        Assert.Equal("", Transcode(transcoder, [], utf16, out _));
    }
}
