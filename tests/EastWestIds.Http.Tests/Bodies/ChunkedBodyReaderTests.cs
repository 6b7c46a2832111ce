using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using EastWestIds.Http.Bodies;
using EastWestIds.Http.Http1;
using EastWestIds.Http.Tests.Support;
using EastWestIds.TestCommon;

namespace EastWestIds.Http.Tests.Bodies;

/// <summary>Chunked bodies (RFC 9112 §7.1): de-chunked as they arrive, strict framing, trailers, incremental lines.</summary>
public class ChunkedBodyReaderTests
{
    private const string Head = "POST /up HTTP/1.1\r\nhost: a\r\ntransfer-encoding: chunked\r\n\r\n";

    [Fact]
    public void Parse_ChunkedPost_DeliversPayloadAndTrailer()
    {
        var recording = new RequestRecording();

        ParseRun run = ParserDriver.ParseOnce(RequestCorpus.ChunkedPost, recording);

        Assert.Equal(1, run.Completed);
        Assert.Equal(BodyFraming.Chunked, recording.Framings[0].Body);
        Assert.Equal(RequestCorpus.ChunkedPayload, recording.Bodies[0].ToArray());
        (string name, string value) = Assert.Single(recording.Trailers);
        Assert.Equal("x-content-sha256", name);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(RequestCorpus.ChunkedPayload)), value);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("0005")]
    [InlineData("5;a")]
    [InlineData("5;a=b")]
    [InlineData("5 ; a = b")]
    [InlineData("5\t;\ta\t=\tb")]
    [InlineData("5;a=b;c;d=\"e\"")]
    [InlineData("5;a=\"\"")]
    [InlineData("5;a=\"semi;colon, and \\\"escaped\\\" quote\"")]
    [InlineData("5;a=\"caf\u00E9\"")]
    public void Parse_ChunkSizeWithExtensions_IsAccepted(string sizeLine)
    {
        var recording = new RequestRecording();

        ParseRun run = ParserDriver.ParseOnce(Text(Head + sizeLine + "\r\nhello\r\n0;last=yes\r\n\r\n"), recording);

        Assert.Equal(1, run.Completed);
        Assert.Equal("hello"u8.ToArray(), recording.Bodies[0].ToArray());
    }

    [Theory]
    [InlineData("a", 10, RequestRejectionReason.None)]
    [InlineData("A", 10, RequestRejectionReason.None)]
    [InlineData("7fffffffffffffff", long.MaxValue, RequestRejectionReason.None)]
    [InlineData("00000000000000000000001", 1, RequestRejectionReason.None)]
    [InlineData("8000000000000000", 0, RequestRejectionReason.InvalidChunkSize)]
    [InlineData("", 0, RequestRejectionReason.InvalidChunkSize)]
    [InlineData(";a=b", 0, RequestRejectionReason.InvalidChunkSize)]
    [InlineData("g", 0, RequestRejectionReason.InvalidChunkSize)]
    [InlineData("5 ", 0, RequestRejectionReason.InvalidChunkSize)]
    [InlineData("5\t", 0, RequestRejectionReason.InvalidChunkSize)]
    [InlineData("5,", 0, RequestRejectionReason.InvalidChunkSize)]
    [InlineData("5;a ", 0, RequestRejectionReason.InvalidChunkExtension)]
    [InlineData("5;a=b;", 0, RequestRejectionReason.InvalidChunkExtension)]
    [InlineData("5;;a", 0, RequestRejectionReason.InvalidChunkExtension)]
    [InlineData("5;a==b", 0, RequestRejectionReason.InvalidChunkExtension)]
    [InlineData("5;a=\"b\"c", 0, RequestRejectionReason.InvalidChunkExtension)]
    [InlineData("5;a=\"b\\", 0, RequestRejectionReason.InvalidChunkExtension)]
    [InlineData("5;a=\"b\\\u0001\"", 0, RequestRejectionReason.InvalidChunkExtension)]
    [InlineData("5;(a)", 0, RequestRejectionReason.InvalidChunkExtension)]
    public void ParseChunkLine_ValidatesSizeAndExtensions(string line, long size, RequestRejectionReason reason)
    {
        RequestRejectionReason actual = ChunkedBodyReader.ParseChunkLine(Text(line), out long parsed);

        Assert.Equal(reason, actual);
        if (reason == RequestRejectionReason.None)
        {
            Assert.Equal(size, parsed);
        }
    }

    [Fact]
    public void Parse_IncompleteChunkSizeLine_ConsumesNothingOfIt()
    {
        var parser = new Http1RequestParser(HttpLimits.Default);
        var recording = new RequestRecording();

        ParseRun first = ParserDriver.ParseBuffer(parser, new(Text(Head + "1a;ext=")), recording);
        ParseRun second = ParserDriver.ParseBuffer(parser, new(Text("1a;ext=v\r\nabc")), recording);

        Assert.Equal(ParseStatus.Incomplete, first.Last);
        Assert.Equal(Head.Length, first.Consumed);
        Assert.True(parser.InBody);
        Assert.Equal(ParseStatus.Incomplete, second.Last);
        Assert.Equal("1a;ext=v\r\nabc".Length, second.Consumed);
        Assert.Equal("abc"u8.ToArray(), recording.Bodies[0].ToArray());
    }

    [Fact]
    public void Parse_IncompleteTrailerSection_ConsumesNothingOfIt()
    {
        var parser = new Http1RequestParser(HttpLimits.Default);
        var recording = new RequestRecording();
        string body = "5\r\nhello\r\n0\r\n";

        ParseRun first = ParserDriver.ParseBuffer(parser, new(Text(Head + body + "x-a: 1\r\nx-b: 2\r\n")), recording);
        ParseRun second = ParserDriver.ParseBuffer(parser, new(Text("x-a: 1\r\nx-b: 2\r\n\r\n")), recording);

        Assert.Equal(ParseStatus.Incomplete, first.Last);
        Assert.Equal(Head.Length + body.Length, first.Consumed);
        Assert.Equal(1, second.Completed);
        Assert.Equal([("x-a", "1"), ("x-b", "2")], recording.Trailers);
        Assert.False(parser.InBody);
    }

    [Fact]
    public void Parse_ChunkTerminatorSplit_WaitsForBothBytes()
    {
        var parser = new Http1RequestParser(HttpLimits.Default);
        var recording = new RequestRecording();

        ParseRun first = ParserDriver.ParseBuffer(parser, new(Text(Head + "5\r\nhello\r")), recording);
        ParseRun second = ParserDriver.ParseBuffer(parser, new(Text("\r\n0\r\n\r\n")), recording);

        Assert.Equal(ParseStatus.Incomplete, first.Last);
        Assert.Equal(Head.Length + "5\r\nhello".Length, first.Consumed);
        Assert.Equal(1, second.Completed);
        Assert.Equal("hello"u8.ToArray(), recording.Bodies[0].ToArray());
    }

    [Fact]
    public void Parse_LargeChunkedBodyDripFed_IsDeliveredAsItArrives()
    {
        byte[] payload = new byte[1024 * 1024];
        new Random(3).NextBytes(payload);
        byte[] bytes = Chunked(payload, chunkSize: 64 * 1024 + 3);
        int[] arrivals = Enumerable.Range(1, bytes.Length / 10_000).Select(i => i * 10_000).ToArray();
        var recording = new RequestRecording();

        ParseRun run = ParserDriver.Drip(bytes, arrivals, recording);

        Assert.Equal(1, run.Completed);
        Assert.Equal(bytes.Length, run.Consumed);
        Assert.True(recording.LargestBodyCall <= 10_000);
        Assert.Equal(SHA256.HashData(payload), SHA256.HashData(recording.Bodies[0].ToArray()));
    }

    [Fact]
    public void Parse_PipelinedChunkedRequests_AreFramedApart()
    {
        var recording = new RequestRecording();
        string one = Head + "3\r\none\r\n0\r\n\r\n";
        string two = Head + "3\r\ntwo\r\n0\r\nx-t: v\r\n\r\n";

        ParseRun run = ParserDriver.ParseOnce(Text(one + two + one), recording);

        Assert.Equal(3, run.Completed);
        Assert.Equal(["one", "two", "one"], recording.Bodies.Select(b => Encoding.ASCII.GetString(b.ToArray())));
        Assert.Equal(("x-t", "v"), Assert.Single(recording.Trailers));
    }

    [Fact]
    public void Parse_FaultAfterData_DeliveredTheDataBeforeRejecting()
    {
        var recording = new RequestRecording();

        ParseRun run = ParserDriver.ParseOnce(Text(Head + "5\r\nhello\r\nzz\r\n"), recording);

        Assert.Equal(RequestRejectionReason.InvalidChunkSize, run.Reason);
        Assert.Equal("hello"u8.ToArray(), recording.Bodies[0].ToArray());
    }

    [Fact]
    public void Parse_TrailersThatLookLikeFraming_DoNotChangeFraming()
    {
        var recording = new RequestRecording();

        ParseRun run = ParserDriver.ParseOnce(Text(Head + "0\r\ncontent-length: 50\r\ntransfer-encoding: gzip\r\n\r\nGET /next HTTP/1.1\r\nhost: a\r\n\r\n"), recording);

        Assert.Equal(2, run.Completed);
        Assert.Equal(2, recording.Trailers.Count);
        Assert.Equal("/next", recording.StartLines[1].Target);
    }

    private static byte[] Chunked(byte[] payload, int chunkSize)
    {
        var stream = new MemoryStream();
        stream.Write(Text(Head));
        for (int offset = 0; offset < payload.Length; offset += chunkSize)
        {
            int length = Math.Min(chunkSize, payload.Length - offset);
            stream.Write(Text($"{length:x}\r\n"));
            stream.Write(payload, offset, length);
            stream.Write("\r\n"u8);
        }

        stream.Write("0\r\n\r\n"u8);
        return stream.ToArray();
    }

    private static byte[] Text(string text) => RequestCorpus.Latin1(text);
}
