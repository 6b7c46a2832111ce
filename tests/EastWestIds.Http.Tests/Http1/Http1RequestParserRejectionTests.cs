using System.Buffers;
using EastWestIds.Http.Http1;
using EastWestIds.Http.Tests.Support;
using EastWestIds.TestCommon;

namespace EastWestIds.Http.Tests.Http1;

/// <summary>
/// Every malformed, smuggling and over-limit shape of the corpus is rejected with its exact reason, however the
/// bytes are cut, and a smuggling shape never gets as far as a framing.
/// </summary>
public class Http1RequestParserRejectionTests
{
    [Theory]
    [MemberData(nameof(CorpusData.Invalid), MemberType = typeof(CorpusData))]
    public void Parse_InvalidCorpus_RejectsWithExactReason(string name)
    {
        RequestCorpus.Case corpus = RequestCorpus.Find(name);
        var recording = new RequestRecording();

        ParseRun run = ParserDriver.ParseOnce(corpus.Bytes, recording);

        Assert.Equal(ParseStatus.Rejected, run.Last);
        Assert.Equal(Expected(corpus), run.Reason);
        Assert.Equal(corpus.RequestCount, run.Completed);
    }

    [Theory]
    [MemberData(nameof(CorpusData.Invalid), MemberType = typeof(CorpusData))]
    public void Parse_InvalidCorpusOneBytePerSegment_RejectsWithSameReason(string name)
    {
        RequestCorpus.Case corpus = RequestCorpus.Find(name);

        ParseRun run = ParserDriver.ParseBuffer(new Http1RequestParser(HttpLimits.Default), SegmentedSequence.BytePerSegment(corpus.Bytes), new RequestRecording());

        Assert.Equal(ParseStatus.Rejected, run.Last);
        Assert.Equal(Expected(corpus), run.Reason);
    }

    [Theory]
    [MemberData(nameof(CorpusData.Invalid), MemberType = typeof(CorpusData))]
    public void Parse_InvalidCorpusDripFed_RejectsWithSameReason(string name)
    {
        RequestCorpus.Case corpus = RequestCorpus.Find(name);
        var random = new Random(400);

        for (int i = 0; i < 50; i++)
        {
            int[] arrivals = SegmentedSequence.RandomOffsets(corpus.Bytes.Length, random, maxCuts: 8);

            ParseRun run = ParserDriver.Drip(corpus.Bytes, arrivals, new RequestRecording());

            Assert.True(run.Last == ParseStatus.Rejected && run.Reason == Expected(corpus), $"arrivals [{string.Join(',', arrivals)}]: {run}");
        }
    }

    [Theory]
    [MemberData(nameof(CorpusData.Invalid), MemberType = typeof(CorpusData))]
    public void Parse_InvalidHead_NeverReportsHeadersComplete(string name)
    {
        RequestCorpus.Case corpus = RequestCorpus.Find(name);
        RequestRejectionReason reason = Expected(corpus);
        var recording = new RequestRecording();

        ParserDriver.ParseOnce(corpus.Bytes, recording);

        bool bodyFault = reason is RequestRejectionReason.InvalidChunkSize or RequestRejectionReason.InvalidChunkExtension
            or RequestRejectionReason.MissingChunkDataTerminator or RequestRejectionReason.InvalidTrailer
            or RequestRejectionReason.TrailersTooLarge || name is "BareLfAfterChunkSize" or "BareLfInTrailers";
        Assert.Equal(bodyFault ? 1 : 0, recording.Framings.Count);
    }

    [Theory]
    [MemberData(nameof(CorpusData.Smuggling), MemberType = typeof(CorpusData))]
    public void Parse_SmugglingShape_IsNeverFramedAsARequest(string name)
    {
        RequestCorpus.Case corpus = RequestCorpus.Find(name);
        var parser = new Http1RequestParser(HttpLimits.Default);

        ParseRun run = ParserDriver.ParseBuffer(parser, new ReadOnlySequence<byte>(corpus.Bytes), new RequestRecording());

        Assert.Equal(0, run.Completed);
        Assert.Equal(ParseStatus.Rejected, run.Last);
        Assert.Equal(400, parser.RejectionReason.StatusCode());
    }

    [Fact]
    public void Parse_TlsClientHello_IsRejectedFromTheFirstBytes()
    {
        ParseRun run = ParserDriver.ParseOnce([0x16, 0x03, 0x01], new RequestRecording());

        Assert.Equal(ParseStatus.Rejected, run.Last);
        Assert.Equal(RequestRejectionReason.InvalidMethod, run.Reason);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nhost: a\r\nx: b\r\n\r\n", "GET / HTTP/1.1\r\nhost: a\r\nx: b\r\n\r\nPOST /x HTTP/1.1\r\nhost: a\r\ncontent-length: 2\r\ncontent-length: 3\r\n\r\n")]
    public void Parse_InvalidRequestAfterValidOne_FramesTheFirstThenRejects(string first, string both)
    {
        var recording = new RequestRecording();

        ParseRun run = ParserDriver.ParseOnce(RequestCorpus.Latin1(both), recording);

        Assert.Equal(1, run.Completed);
        Assert.Equal(first.Length, run.Consumed);
        Assert.Equal(RequestRejectionReason.ConflictingContentLength, run.Reason);
    }

    [Theory]
    [InlineData("GET /a\u0080 HTTP/1.1\r\nhost: a\r\n\r\n", RequestRejectionReason.InvalidRequestTarget)]
    [InlineData("GET /a\t HTTP/1.1\r\nhost: a\r\n\r\n", RequestRejectionReason.InvalidRequestTarget)]
    [InlineData(" GET / HTTP/1.1\r\nhost: a\r\n\r\n", RequestRejectionReason.InvalidRequestLine)]
    [InlineData("GET\r\nhost: a\r\n\r\n", RequestRejectionReason.InvalidRequestLine)]
    [InlineData("GE\rT / HTTP/1.1\r\nhost: a\r\n\r\n", RequestRejectionReason.InvalidMethod)]
    [InlineData("GET / HTTP/1.10\r\nhost: a\r\n\r\n", RequestRejectionReason.InvalidRequestLine)]
    [InlineData("GET / HTTP/1.1x\r\nhost: a\r\n\r\n", RequestRejectionReason.InvalidRequestLine)]
    [InlineData("GET / HTTP/3.0\r\nhost: a\r\n\r\n", RequestRejectionReason.UnsupportedHttpVersion)]
    [InlineData("OPTIONS ** HTTP/1.1\r\nhost: a\r\n\r\n", RequestRejectionReason.InvalidRequestTarget)]
    [InlineData("CONNECT reviews HTTP/1.1\r\nhost: a\r\n\r\n", RequestRejectionReason.InvalidRequestTarget)]
    [InlineData("CONNECT reviews:http HTTP/1.1\r\nhost: a\r\n\r\n", RequestRejectionReason.InvalidRequestTarget)]
    [InlineData("CONNECT :443 HTTP/1.1\r\nhost: a\r\n\r\n", RequestRejectionReason.InvalidRequestTarget)]
    [InlineData("GET 1http://a/ HTTP/1.1\r\nhost: a\r\n\r\n", RequestRejectionReason.InvalidRequestTarget)]
    [InlineData("GET http:/a HTTP/1.1\r\nhost: a\r\n\r\n", RequestRejectionReason.InvalidRequestTarget)]
    [InlineData("GET http://a/ HTTP/1.1\r\n\r\n", RequestRejectionReason.MissingHost)]
    [InlineData("GET / HTTP/1.0\r\nhost: a\r\nhost: b\r\n\r\n", RequestRejectionReason.MultipleHost)]
    [InlineData("GET / HTTP/1.1\r\nhost: a\r\nx\u00FF: b\r\n\r\n", RequestRejectionReason.InvalidHeaderName)]
    [InlineData("GET / HTTP/1.1\r\nhost: a\r\nx:\u0001\r\n\r\n", RequestRejectionReason.ControlCharacterInHeader)]
    [InlineData("GET / HTTP/1.1\r\nhost: a\r\nx-user\nx: b\r\n\r\n", RequestRejectionReason.BareLineFeed)]
    [InlineData("GET / HTTP/1.1\r\nhost: a\r\nx-user: a\nb\r\n\r\n", RequestRejectionReason.BareLineFeed)]
    [InlineData("GET / HTTP/1.1\r\nhost: a\r\nx-user: a\r\r\n\r\n", RequestRejectionReason.ControlCharacterInHeader)]
    [InlineData("GET / HTTP/1.1\r\nhost: a\r\ncontent-length: 5\r\ncontent-length: 5, 6\r\n\r\n", RequestRejectionReason.ConflictingContentLength)]
    [InlineData("GET / HTTP/1.1\r\nhost: a\r\ncontent-length: 9223372036854775808\r\n\r\n", RequestRejectionReason.InvalidContentLength)]
    [InlineData("GET / HTTP/1.1\r\nhost: a\r\ntransfer-encoding: chunked\r\ncontent-length: abc\r\n\r\n", RequestRejectionReason.InvalidContentLength)]
    [InlineData("GET / HTTP/1.1\r\nhost: a\r\ntransfer-encoding: identity\r\n\r\n", RequestRejectionReason.ObfuscatedTransferEncoding)]
    [InlineData("GET / HTTP/1.1\r\nhost: a\r\ntransfer-encoding: chunked;q=1\r\n\r\n", RequestRejectionReason.ObfuscatedTransferEncoding)]
    [InlineData("GET / HTTP/1.1\r\nhost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n", RequestRejectionReason.ContentLengthWithTransferEncoding)]
    public void Parse_MalformedHead_RejectsWithReason(string text, RequestRejectionReason expected)
    {
        byte[] bytes = RequestCorpus.Latin1(text);

        ParseRun whole = ParserDriver.ParseOnce(bytes, new RequestRecording());
        ParseRun bytewise = ParserDriver.ParseBuffer(new Http1RequestParser(HttpLimits.Default), SegmentedSequence.BytePerSegment(bytes), new RequestRecording());

        Assert.Equal(expected, whole.Reason);
        Assert.Equal(expected, bytewise.Reason);
    }

    [Fact]
    public void RejectionReason_EveryValue_HasLabelStatusAndDistinctName()
    {
        RequestRejectionReason[] values = Enum.GetValues<RequestRejectionReason>();
        string[] labels = values.Select(v => v.Label()).ToArray();

        Assert.DoesNotContain("unknown", labels);
        Assert.Equal(labels.Length, labels.Distinct().Count());
        Assert.All(values, v => Assert.Contains(v.StatusCode(), new[] { 400, 431, 505 }));
        Assert.Equal(431, RequestRejectionReason.RequestLineTooLong.StatusCode());
        Assert.Equal(431, RequestRejectionReason.TrailersTooLarge.StatusCode());
        Assert.Equal(505, RequestRejectionReason.UnsupportedHttpVersion.StatusCode());
        Assert.True(RequestRejectionReason.ContentLengthWithTransferEncoding.IsSmuggling());
        Assert.False(RequestRejectionReason.MissingHost.IsSmuggling());
    }

    private static RequestRejectionReason Expected(RequestCorpus.Case corpus)
        => Enum.Parse<RequestRejectionReason>(corpus.Rejection ?? throw new InvalidOperationException($"{corpus.Name} is valid"));
}
