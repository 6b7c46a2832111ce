using System.Text;
using EastWestIds.Signatures.Buffers;
using EastWestIds.Signatures.Decoding;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Tests.Decoding;
using static EastWestIds.Signatures.Tests.Buffers.BufferAssert;

namespace EastWestIds.Signatures.Tests.Buffers;

public class RequestBuffersBodyTests
{
    private static readonly byte[] Form = Encoding.ASCII.GetBytes("q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&page=2");

    private static FakeRequestView Encoded(string contentEncoding, byte[] body) =>
        FakeRequestView.Post("/f", "application/x-www-form-urlencoded", body).WithHeader("Content-Encoding", contentEncoding);

    [Theory]
    [InlineData("gzip", ContentCoding.Gzip, false)]
    [InlineData("deflate", ContentCoding.Deflate, false)]
    [InlineData("deflate", ContentCoding.Deflate, true)]
    [InlineData("br", ContentCoding.Brotli, false)]
    public void CompressedBody_DecompressedForBodyAndArgs(string header, ContentCoding coding, bool rawDeflate)
    {
        RequestBuffers b = For(Encoded(header, ContentDecompressorTests.Compress(coding, Form, rawDeflate)));
        Assert.Equal(Encoding.ASCII.GetString(Form), Single(b, InspectionBuffer.HttpRequestBody));
        Assert.Equal(["<script>alert(1)</script>", "2"], Values(b, InspectionBuffer.HttpArg));
        Assert.Equal(DecodingAnomalies.None, b.Anomalies);
    }

    [Fact]
    public void StackedEncodings_Undone()
    {
        byte[] body = ContentDecompressorTests.Compress(ContentCoding.Brotli, ContentDecompressorTests.Compress(ContentCoding.Gzip, Form));
        RequestBuffers b = For(Encoded("gzip", body).WithHeader("Content-Encoding", "br"));
        Assert.Equal(Encoding.ASCII.GetString(Form), Single(b, InspectionBuffer.HttpRequestBody));
    }

    [Fact]
    public void Bomb_BoundedByBudgetAndFlagged()
    {
        byte[] bomb = ContentDecompressorTests.Compress(ContentCoding.Gzip, new byte[10 * 1024 * 1024]);
        var limits = RequestBufferLimits.Default with { MaxDecompressedBodyBytes = 1024 * 1024 };
        RequestBuffers b = For(Encoded("gzip", bomb), limits);
        Assert.Equal(1024 * 1024, b.Get(InspectionBuffer.HttpRequestBody, 0).Length);
        Assert.True(b.Anomalies.HasFlag(DecodingAnomalies.DecompressionBomb));
    }

    [Fact]
    public void CorruptGzip_FlaggedAndInspectedAsSent()
    {
        byte[] body = "\u001f\u008b not really gzip"u8.ToArray();
        RequestBuffers b = For(Encoded("gzip", body));
        Assert.Equal(body, b.Get(InspectionBuffer.HttpRequestBody, 0).ToArray());
        Assert.True(b.Anomalies.HasFlag(DecodingAnomalies.DecompressionFailed));
    }

    [Theory]
    [InlineData("compress")]
    [InlineData("gzip, zstd")]
    [InlineData("gzip, gzip, gzip, gzip")]
    public void UnsupportedEncoding_FlaggedAndInspectedAsSent(string header)
    {
        RequestBuffers b = For(Encoded(header, Form));
        Assert.Equal(Encoding.ASCII.GetString(Form), Single(b, InspectionBuffer.HttpRequestBody));
        Assert.True(b.Anomalies.HasFlag(DecodingAnomalies.UnsupportedContentEncoding));
    }

    [Fact]
    public void IdentityEncoding_Ignored()
    {
        RequestBuffers b = For(Encoded("identity", Form));
        Assert.Equal(Encoding.ASCII.GetString(Form), Single(b, InspectionBuffer.HttpRequestBody));
        Assert.Equal(DecodingAnomalies.None, b.Anomalies);
    }

    [Fact]
    public void TruncatedBody_FlaggedFromTheStart()
    {
        RequestBuffers b = For(FakeRequestView.Post("/", "text/plain", "abc").Truncated());
        Assert.Equal(DecodingAnomalies.BodyTruncated, b.Anomalies);
    }
}
