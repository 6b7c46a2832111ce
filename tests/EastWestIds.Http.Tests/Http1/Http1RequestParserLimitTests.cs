using System.Buffers;
using EastWestIds.Http.Http1;
using EastWestIds.Http.Tests.Support;
using EastWestIds.TestCommon;

namespace EastWestIds.Http.Tests.Http1;

/// <summary>
/// Each limit at exactly its value (accepted) and one byte or field over (rejected), whole and one byte per
/// segment, and for unfinished lines: a limit is exceeded as soon as the budget is used up, not when the line ends.
/// </summary>
public class Http1RequestParserLimitTests
{
    private static readonly HttpLimits Small = new()
    {
        MaxRequestLineBytes = 64,
        MaxHeaderBytes = 128,
        MaxHeaderCount = 4,
        MaxTrailerBytes = 64,
        MaxChunkLineBytes = 16,
    };

    public static TheoryData<bool> Segmentation => new() { false, true };

    [Theory]
    [MemberData(nameof(Segmentation))]
    public void Parse_RequestLineAtLimit_IsAccepted(bool bytePerSegment)
    {
        byte[] bytes = Text(RequestLine(64) + "host: a\r\n\r\n");

        Assert.Equal(1, Run(bytes, bytePerSegment).Completed);
    }

    [Theory]
    [MemberData(nameof(Segmentation))]
    public void Parse_RequestLineOverLimit_IsRequestLineTooLong(bool bytePerSegment)
    {
        ParseRun run = Run(Text(RequestLine(65) + "host: a\r\n\r\n"), bytePerSegment);

        Assert.Equal(RequestRejectionReason.RequestLineTooLong, run.Reason);
        Assert.Equal(431, run.Reason.StatusCode());
    }

    [Theory]
    [MemberData(nameof(Segmentation))]
    public void Parse_UnfinishedRequestLine_IsTooLongOnceTheBudgetIsUsed(bool bytePerSegment)
    {
        string line = RequestLine(66);

        Assert.Equal(ParseStatus.Incomplete, Run(Text(line[..63]), bytePerSegment).Last);
        Assert.Equal(RequestRejectionReason.RequestLineTooLong, Run(Text(line[..64]), bytePerSegment).Reason);
    }

    [Theory]
    [MemberData(nameof(Segmentation))]
    public void Parse_HeaderBlockAtLimit_IsAccepted(bool bytePerSegment)
    {
        Assert.Equal(1, Run(Text("GET / HTTP/1.1\r\n" + HeaderBlock(128)), bytePerSegment).Completed);
    }

    [Theory]
    [MemberData(nameof(Segmentation))]
    public void Parse_HeaderBlockOverLimit_IsHeadersTooLarge(bool bytePerSegment)
    {
        Assert.Equal(RequestRejectionReason.HeadersTooLarge, Run(Text("GET / HTTP/1.1\r\n" + HeaderBlock(129)), bytePerSegment).Reason);
    }

    [Theory]
    [MemberData(nameof(Segmentation))]
    public void Parse_UnfinishedHeaderBlock_IsTooLargeOnceTheBudgetIsUsed(bool bytePerSegment)
    {
        string head = "GET / HTTP/1.1\r\n" + HeaderBlock(200);
        int requestLine = "GET / HTTP/1.1\r\n".Length;

        Assert.Equal(ParseStatus.Incomplete, Run(Text(head[..(requestLine + 127)]), bytePerSegment).Last);
        Assert.Equal(RequestRejectionReason.HeadersTooLarge, Run(Text(head[..(requestLine + 128)]), bytePerSegment).Reason);
    }

    [Theory]
    [MemberData(nameof(Segmentation))]
    public void Parse_HeaderCountAtLimit_IsAccepted(bool bytePerSegment)
    {
        ParseRun run = Run(Text("GET / HTTP/1.1\r\nhost: a\r\nb: 1\r\nc: 2\r\nd: 3\r\n\r\n"), bytePerSegment);

        Assert.Equal(1, run.Completed);
    }

    [Theory]
    [MemberData(nameof(Segmentation))]
    public void Parse_HeaderCountOverLimit_IsTooManyHeaders(bool bytePerSegment)
    {
        ParseRun run = Run(Text("GET / HTTP/1.1\r\nhost: a\r\nb: 1\r\nc: 2\r\nd: 3\r\ne: 4\r\n\r\n"), bytePerSegment);

        Assert.Equal(RequestRejectionReason.TooManyHeaders, run.Reason);
    }

    [Theory]
    [MemberData(nameof(Segmentation))]
    public void Parse_TrailersAtLimit_AreAccepted(bool bytePerSegment)
    {
        ParseRun run = Run(Text(ChunkedHead + "0\r\n" + TrailerSection(64)), bytePerSegment);

        Assert.Equal(1, run.Completed);
    }

    [Theory]
    [MemberData(nameof(Segmentation))]
    public void Parse_TrailersOverLimit_AreTrailersTooLarge(bool bytePerSegment)
    {
        ParseRun run = Run(Text(ChunkedHead + "0\r\n" + TrailerSection(65)), bytePerSegment);

        Assert.Equal(RequestRejectionReason.TrailersTooLarge, run.Reason);
        Assert.Equal(431, run.Reason.StatusCode());
    }

    [Theory]
    [MemberData(nameof(Segmentation))]
    public void Parse_ChunkLineAtLimit_IsAccepted(bool bytePerSegment)
    {
        // "5;abcdefghijkl" + CRLF is exactly 16 bytes.
        ParseRun run = Run(Text(ChunkedHead + "5;abcdefghijkl\r\nhello\r\n0\r\n\r\n"), bytePerSegment);

        Assert.Equal(1, run.Completed);
    }

    [Theory]
    [MemberData(nameof(Segmentation))]
    public void Parse_ChunkLineOverLimit_IsInvalidChunkSize(bool bytePerSegment)
    {
        ParseRun run = Run(Text(ChunkedHead + "5;abcdefghijklm\r\nhello\r\n0\r\n\r\n"), bytePerSegment);

        Assert.Equal(RequestRejectionReason.InvalidChunkSize, run.Reason);
    }

    [Fact]
    public void DefaultLimits_AreTheDocumentedValues()
    {
        Assert.Equal(64 * 1024, HttpLimits.Default.MaxRequestLineBytes);
        Assert.Equal(64 * 1024, HttpLimits.Default.MaxHeaderBytes);
        Assert.Equal(100, HttpLimits.Default.MaxHeaderCount);
        Assert.Equal(16 * 1024, HttpLimits.Default.MaxTrailerBytes);
        Assert.Equal(4 * 1024, HttpLimits.Default.MaxChunkLineBytes);
    }

    [Fact]
    public void Constructor_NonPositiveLimit_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new Http1RequestParser(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Http1RequestParser(new HttpLimits { MaxHeaderBytes = 0 }));
    }

    private const string ChunkedHead = "POST / HTTP/1.1\r\nhost: a\r\ntransfer-encoding: chunked\r\n\r\n";

    private static ParseRun Run(byte[] bytes, bool bytePerSegment)
    {
        ReadOnlySequence<byte> sequence = bytePerSegment ? SegmentedSequence.BytePerSegment(bytes) : new ReadOnlySequence<byte>(bytes);
        return ParserDriver.ParseBuffer(new Http1RequestParser(Small), sequence, new RequestRecording());
    }

    /// <summary>A request line of exactly <paramref name="length"/> bytes, CRLF included.</summary>
    private static string RequestLine(int length)
    {
        string line = "GET /" + new string('a', length - 16) + " HTTP/1.1\r\n";
        Assert.Equal(length, line.Length);
        return line;
    }

    /// <summary>A header block (fields and the final CRLF) of exactly <paramref name="length"/> bytes.</summary>
    private static string HeaderBlock(int length)
    {
        string block = "host: a\r\nx: " + new string('v', length - 16) + "\r\n\r\n";
        Assert.Equal(length, block.Length);
        return block;
    }

    /// <summary>A trailer section (fields and the final CRLF) of exactly <paramref name="length"/> bytes.</summary>
    private static string TrailerSection(int length)
    {
        string section = "x: " + new string('t', length - 7) + "\r\n\r\n";
        Assert.Equal(length, section.Length);
        return section;
    }

    private static byte[] Text(string text) => RequestCorpus.Latin1(text);
}
