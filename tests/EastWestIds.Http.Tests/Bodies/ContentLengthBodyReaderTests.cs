using System.Buffers;
using System.Security.Cryptography;
using EastWestIds.Http.Http1;
using EastWestIds.Http.Tests.Support;
using EastWestIds.TestCommon;

namespace EastWestIds.Http.Tests.Bodies;

/// <summary>Content-Length bodies (RFC 9112 §6.3 rule 6) are streamed to the handler byte-exact and never buffered.</summary>
public class ContentLengthBodyReaderTests
{
    [Fact]
    public void Parse_BodyAcrossSegments_DeliversEveryByteInOrder()
    {
        byte[] bytes = RequestCorpus.JsonPost1K;
        int bodyStart = bytes.Length - 1024;
        var recording = new RequestRecording();

        ParseRun run = ParserDriver.ParseBuffer(
            new Http1RequestParser(HttpLimits.Default),
            SegmentedSequence.SplitAt(bytes, bodyStart + 1, bodyStart + 500, bodyStart + 501, bodyStart + 1000),
            recording);

        Assert.Equal(1, run.Completed);
        Assert.Equal(RequestCorpus.JsonBody1K, recording.Bodies[0].ToArray());
        Assert.Equal(5, recording.BodyCalls); // one per segment the body touches
    }

    [Fact]
    public void Parse_OneMiBBodyInPieces_IsStreamedAndConsumedAsItArrives()
    {
        byte[] body = RandomBytes(1024 * 1024, seed: 1);
        byte[] head = RequestCorpus.Latin1($"PUT /blob HTTP/1.1\r\nhost: a\r\ncontent-length: {body.Length}\r\n\r\n");
        const int Piece = 16 * 1024;
        var parser = new Http1RequestParser(HttpLimits.Default);
        var recording = new RequestRecording();

        ParseRun first = ParserDriver.ParseBuffer(parser, new ReadOnlySequence<byte>([.. head, .. body[..Piece]]), recording);
        Assert.Equal(head.Length + Piece, first.Consumed);
        for (int offset = Piece; offset < body.Length; offset += Piece)
        {
            Assert.True(parser.InBody);

            // Everything handed over is consumed at once: nothing is kept for later.
            ParseRun run = ParserDriver.ParseBuffer(parser, new ReadOnlySequence<byte>(body, offset, Piece), recording);

            Assert.Equal(Piece, run.Consumed);
            Assert.Equal(offset + Piece == body.Length ? 1 : 0, run.Completed);
        }

        Assert.False(parser.InBody);
        Assert.True(recording.LargestBodyCall <= Piece);
        Assert.Equal(body.Length, recording.BodyBytes);
        Assert.Equal(SHA256.HashData(body), SHA256.HashData(recording.Bodies[0].ToArray()));
    }

    [Fact]
    public void Parse_OneMiBBody_AllocatesNothingInTheParser()
    {
        byte[] body = RandomBytes(1024 * 1024, seed: 2);
        byte[] head = RequestCorpus.Latin1($"PUT /blob HTTP/1.1\r\nhost: a\r\ncontent-length: {body.Length}\r\n\r\n");
        ReadOnlySequence<byte> headSequence = new(head);
        ReadOnlySequence<byte> bodySequence = SegmentedSequence.FixedSize(body, 4096);
        var parser = new Http1RequestParser(HttpLimits.Default);
        var handler = new CountingHandler();
        Parse(parser, headSequence, ref handler);
        Parse(parser, bodySequence, ref handler);

        ParseStatus afterHead = default, afterBody = default;
        long bodyBytesBefore = 0;
        long allocated = SteadyAllocation.LeastBytes(() =>
        {
            bodyBytesBefore = handler.BodyBytes;
            afterHead = Parse(parser, headSequence, ref handler);
            afterBody = Parse(parser, bodySequence, ref handler);
        });

        Assert.Equal(ParseStatus.Incomplete, afterHead);
        Assert.Equal(ParseStatus.Complete, afterBody);
        Assert.Equal(body.Length, handler.BodyBytes - bodyBytesBefore);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Parse_BodyThenPipelinedRequest_FramesBoth()
    {
        var recording = new RequestRecording();

        ParseRun run = ParserDriver.ParseOnce(
            RequestCorpus.Latin1("POST /a HTTP/1.1\r\nhost: a\r\ncontent-length: 5\r\n\r\nGET /bGET /c HTTP/1.1\r\nhost: a\r\n\r\n"),
            recording);

        Assert.Equal(2, run.Completed);
        Assert.Equal("GET /b"u8[..5].ToArray(), recording.Bodies[0].ToArray());
        Assert.Equal("/c", recording.StartLines[1].Target);
    }

    [Fact]
    public void Parse_BodyEndingInNextRead_CompletesWithoutTouchingTheNextRequest()
    {
        var parser = new Http1RequestParser(HttpLimits.Default);
        var recording = new RequestRecording();

        ParseRun first = ParserDriver.ParseBuffer(parser, new(RequestCorpus.Latin1("POST /a HTTP/1.1\r\nhost: a\r\ncontent-length: 10\r\n\r\nhello")), recording);
        ParseRun second = ParserDriver.ParseBuffer(parser, new(RequestCorpus.Latin1("worldGET /n")), recording);

        Assert.Equal(ParseStatus.Incomplete, first.Last);
        Assert.True(first.Consumed > 0);
        Assert.Equal(1, second.Completed);
        Assert.Equal(5, second.Consumed);
        Assert.Equal("helloworld"u8.ToArray(), recording.Bodies[0].ToArray());
        Assert.True(parser.RequestInProgress);
        Assert.False(parser.InBody);
    }

    private static ParseStatus Parse(Http1RequestParser parser, ReadOnlySequence<byte> sequence, ref CountingHandler handler)
    {
        var reader = new SequenceReader<byte>(sequence);
        return parser.Parse(ref reader, ref handler);
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
