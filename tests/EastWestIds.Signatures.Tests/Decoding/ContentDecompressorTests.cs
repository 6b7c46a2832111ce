using System.IO.Compression;
using System.Text;
using EastWestIds.Signatures.Decoding;

namespace EastWestIds.Signatures.Tests.Decoding;

public class ContentDecompressorTests
{
    internal static byte[] Compress(ContentCoding coding, byte[] data, bool rawDeflate = false)
    {
        using var ms = new MemoryStream();
        using (Stream s = coding switch
        {
            ContentCoding.Gzip => new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true),
            ContentCoding.Brotli => new BrotliStream(ms, CompressionLevel.Optimal, leaveOpen: true),
            _ when rawDeflate => new DeflateStream(ms, CompressionLevel.Optimal, leaveOpen: true),
            _ => new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true),
        })
        {
            s.Write(data);
        }

        return ms.ToArray();
    }

    private static readonly byte[] Text = Encoding.UTF8.GetBytes("{\"q\":\"' union select password from users--\"}");

    [Theory]
    [InlineData(ContentCoding.Gzip, false)]
    [InlineData(ContentCoding.Deflate, false)]
    [InlineData(ContentCoding.Deflate, true)]
    [InlineData(ContentCoding.Brotli, false)]
    public void Decompress_EachCoding_RoundTrips(ContentCoding coding, bool rawDeflate)
    {
        var d = new ContentDecompressor(1 << 20, 200);
        DecodingAnomalies a = DecodingAnomalies.None;
        Assert.True(d.Decompress(Compress(coding, Text, rawDeflate), [coding], ref a));
        Assert.Equal(Text, d.Result.ToArray());
        Assert.Equal(DecodingAnomalies.None, a);
    }

    [Fact]
    public void Decompress_StackedCodings_UndoneInReverseOrder()
    {
        byte[] body = Compress(ContentCoding.Brotli, Compress(ContentCoding.Gzip, Text)); // "Content-Encoding: gzip, br"
        var d = new ContentDecompressor(1 << 20, 200);
        DecodingAnomalies a = DecodingAnomalies.None;
        Assert.True(d.Decompress(body, [ContentCoding.Gzip, ContentCoding.Brotli], ref a));
        Assert.Equal(Text, d.Result.ToArray());
    }

    [Theory]
    [InlineData(ContentCoding.Gzip)]
    [InlineData(ContentCoding.Brotli)]
    public void Decompress_Bomb_BoundedByBudgetAndFlagged(ContentCoding coding)
    {
        byte[] bomb = Compress(coding, new byte[10 * 1024 * 1024]);
        Assert.True(bomb.Length < 20 * 1024);
        var d = new ContentDecompressor(256 * 1024, 1_000_000);
        DecodingAnomalies a = DecodingAnomalies.None;
        Assert.True(d.Decompress(bomb, [coding], ref a));
        Assert.Equal(256 * 1024, d.Result.Length);
        Assert.True(a.HasFlag(DecodingAnomalies.DecompressionBomb));
    }

    [Fact]
    public void Decompress_OutputExactlyAtBudget_NotABomb()
    {
        byte[] data = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 500).Select(i => $"k{i}=v{i * 7919 % 1000}&")));
        var atLimit = new ContentDecompressor(data.Length, 1_000_000);
        DecodingAnomalies a = DecodingAnomalies.None;
        Assert.True(atLimit.Decompress(Compress(ContentCoding.Gzip, data), [ContentCoding.Gzip], ref a));
        Assert.Equal(data, atLimit.Result.ToArray());
        Assert.False(a.HasFlag(DecodingAnomalies.DecompressionBomb));

        var belowLimit = new ContentDecompressor(data.Length - 1, 1_000_000);
        a = DecodingAnomalies.None;
        Assert.True(belowLimit.Decompress(Compress(ContentCoding.Gzip, data), [ContentCoding.Gzip], ref a));
        Assert.Equal(data.Length - 1, belowLimit.Result.Length);
        Assert.True(a.HasFlag(DecodingAnomalies.DecompressionBomb));
    }

    [Fact]
    public void Decompress_HighRatioUnderBudget_FlaggedByRatio()
    {
        byte[] bomb = Compress(ContentCoding.Gzip, new byte[512 * 1024]);
        var d = new ContentDecompressor(1 << 20, 200);
        DecodingAnomalies a = DecodingAnomalies.None;
        Assert.True(d.Decompress(bomb, [ContentCoding.Gzip], ref a));
        Assert.Equal(512 * 1024, d.Result.Length);
        Assert.True(a.HasFlag(DecodingAnomalies.DecompressionBomb));
    }

    [Theory]
    [InlineData(ContentCoding.Gzip)]
    [InlineData(ContentCoding.Deflate)]
    [InlineData(ContentCoding.Brotli)]
    public void Decompress_Corrupt_FlaggedNeverThrows(ContentCoding coding)
    {
        byte[] garbage = Encoding.ASCII.GetBytes("this is not compressed at all, just text pretending to be");
        var d = new ContentDecompressor(1 << 20, 200);
        DecodingAnomalies a = DecodingAnomalies.None;
        d.Decompress(garbage, [coding], ref a);
        Assert.True(a.HasFlag(DecodingAnomalies.DecompressionFailed));
    }

    [Fact]
    public void Decompress_CorruptTail_KeepsWhatDecodedAndFlags()
    {
        byte[] data = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("id=1' or '1'='1&", 2000)));
        byte[] gz = Compress(ContentCoding.Gzip, data);
        for (int i = gz.Length / 2; i < gz.Length; i++)
        {
            gz[i] ^= 0x5A;
        }

        var d = new ContentDecompressor(1 << 20, 1_000_000);
        DecodingAnomalies a = DecodingAnomalies.None;
        d.Decompress(gz, [ContentCoding.Gzip], ref a);
        Assert.True(a.HasFlag(DecodingAnomalies.DecompressionFailed));
    }

    [Fact]
    public void Decompress_Unsupported_FlaggedAndInspectedAsSent()
    {
        var d = new ContentDecompressor(1 << 20, 200);
        DecodingAnomalies a = DecodingAnomalies.None;
        Assert.False(d.Decompress(Text, [ContentCoding.Unsupported], ref a));
        Assert.True(a.HasFlag(DecodingAnomalies.UnsupportedContentEncoding));
    }

    [Fact]
    public void ContentEncodingHeader_ParsesListAndSkipsIdentity()
    {
        Span<ContentCoding> codings = stackalloc ContentCoding[3];
        int count = 0;
        Assert.True(ContentEncodingHeader.TryParse("gzip, identity,BR , x-gzip"u8, codings, ref count));
        Assert.Equal([ContentCoding.Gzip, ContentCoding.Brotli, ContentCoding.Gzip], codings[..count].ToArray());

        count = 0;
        Assert.False(ContentEncodingHeader.TryParse("gzip,gzip,gzip,gzip"u8, codings, ref count));
    }

    [Fact]
    public void Decompress_CutGzip_FlaggedWhenBodyComplete_NotWhenTruncated()
    {
        byte[] gz = Compress(ContentCoding.Gzip, Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("a=<script>alert(1)</script>&", 300))));
        byte[] cut = gz[..(gz.Length - 6)];
        var d = new ContentDecompressor(1 << 20, 1_000_000);

        DecodingAnomalies a = DecodingAnomalies.None;
        d.Decompress(cut, [ContentCoding.Gzip], ref a, bodyComplete: true);
        Assert.True(a.HasFlag(DecodingAnomalies.DecompressionFailed));

        a = DecodingAnomalies.None;
        Assert.True(d.Decompress(cut, [ContentCoding.Gzip], ref a, bodyComplete: false));
        Assert.False(a.HasFlag(DecodingAnomalies.DecompressionFailed));
        Assert.StartsWith("a=<script>alert(1)</script>&", Encoding.ASCII.GetString(d.Result));
    }

    [Fact]
    public void Decompress_GzipOfTwoMembers_DecodesBothAndIsNotCorrupt()
    {
        // RFC 1952 §2.2: a gzip file is a series of members; servers behind decode them all, so the payload in the
        // second member is what an evasion would hide there. The last trailer counts the last member only.
        byte[] first = Compress(ContentCoding.Gzip, Encoding.ASCII.GetBytes("{\"q\":\"benign "));
        byte[] second = Compress(ContentCoding.Gzip, Encoding.ASCII.GetBytes("' UNION SELECT password FROM users--\"}"));
        var d = new ContentDecompressor(1 << 20, 1_000_000);

        DecodingAnomalies a = DecodingAnomalies.None;
        Assert.True(d.Decompress([.. first, .. second], [ContentCoding.Gzip], ref a));
        Assert.Equal(DecodingAnomalies.None, a);
        Assert.Equal("{\"q\":\"benign ' UNION SELECT password FROM users--\"}", Encoding.ASCII.GetString(d.Result));
    }

    [Fact]
    public void Decompress_GzipOfTwoMembers_SecondCut_IsFlagged()
    {
        byte[] first = Compress(ContentCoding.Gzip, Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("a=1&", 50))));
        byte[] second = Compress(ContentCoding.Gzip, Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("b=<script>alert(1)</script>&", 300))));
        var d = new ContentDecompressor(1 << 20, 1_000_000);

        DecodingAnomalies a = DecodingAnomalies.None;
        d.Decompress([.. first, .. second[..^6]], [ContentCoding.Gzip], ref a);
        Assert.True(a.HasFlag(DecodingAnomalies.DecompressionFailed));
    }

    [Fact]
    public void Decompress_GzipOfTwoMembers_LastTrailerCountingMoreThanDecoded_IsFlagged()
    {
        byte[] first = Compress(ContentCoding.Gzip, Encoding.ASCII.GetBytes("a=1"));
        byte[] second = Compress(ContentCoding.Gzip, Encoding.ASCII.GetBytes("b=2"));
        byte[] gz = [.. first, .. second];
        gz[^1] = 0x40; // the last ISIZE now counts 1 GiB more than either member holds
        var d = new ContentDecompressor(1 << 20, 1_000_000);

        DecodingAnomalies a = DecodingAnomalies.None;
        d.Decompress(gz, [ContentCoding.Gzip], ref a);
        Assert.True(a.HasFlag(DecodingAnomalies.DecompressionFailed));
    }
}
