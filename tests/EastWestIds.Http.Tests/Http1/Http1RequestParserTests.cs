using System.Buffers;
using EastWestIds.Http.Http1;
using EastWestIds.Http.Tests.Support;
using EastWestIds.TestCommon;

namespace EastWestIds.Http.Tests.Http1;

/// <summary>
/// The valid corpus parsed whole: what the handler sees, pipelining, leading empty lines, value trimming,
/// rejection and reset, allocations. How the bytes are cut is <see cref="Http1RequestParserSegmentationTests"/>.
/// </summary>
public class Http1RequestParserTests
{
    [Theory]
    [MemberData(nameof(CorpusData.Valid), MemberType = typeof(CorpusData))]
    public void Parse_ValidCorpus_FramesEveryRequestAndConsumesAll(string name)
    {
        RequestCorpus.Case corpus = RequestCorpus.Find(name);
        var recording = new RequestRecording();
        var parser = new Http1RequestParser(HttpLimits.Default);

        ParseRun run = ParserDriver.ParseBuffer(parser, new ReadOnlySequence<byte>(corpus.Bytes), recording);

        Assert.Equal(corpus.RequestCount, run.Completed);
        Assert.Equal(ParseStatus.Incomplete, run.Last);
        Assert.Equal(corpus.Bytes.Length, run.Consumed);
        Assert.Equal(RequestRejectionReason.None, run.Reason);
        Assert.False(parser.RequestInProgress);
        Assert.False(parser.InBody);
        Assert.Equal(corpus.RequestCount, recording.Framings.Count);
        Assert.DoesNotContain(recording.Events, e => e.StartsWith("ORDER", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ShadowGet_ReportsRequestLineHeadersAndFraming()
    {
        var recording = new RequestRecording();

        ParseRun run = ParserDriver.ParseOnce(RequestCorpus.ShadowGet, recording);

        Assert.Equal(1, run.Completed);
        Assert.Equal(("GET", "/reviews/0", HttpVersion.Http11, RequestTargetForm.Origin), Assert.Single(recording.StartLines));
        Assert.Equal(10, recording.Headers.Count);
        Assert.Equal(("host", "reviews-shadow:9080"), recording.Headers[0]);
        Assert.Contains(("x-forwarded-client-cert", RequestCorpus.ProductPageXfcc), recording.Headers);
        Assert.Equal(("x-b3-spanid", "9611f0bb69e6f424"), recording.Headers[^1]);
        Assert.Equal(new RequestFraming(HttpVersion.Http11, BodyFraming.None, 0, KeepAlive: true, ExpectContinue: false), Assert.Single(recording.Framings));
        Assert.Equal(0, recording.BodyCalls);
    }

    [Fact]
    public void Parse_ConsecutiveCallsOnOneReader_ReturnOneRequestEach()
    {
        var parser = new Http1RequestParser(HttpLimits.Default);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(RequestCorpus.Pipelined16));
        var handler = new RecordingHandler(new RequestRecording());

        for (int i = 0; i < 16; i++)
        {
            Assert.Equal(ParseStatus.Complete, parser.Parse(ref reader, ref handler));
            Assert.Equal(i + 1, handler.Recording.StartLines.Count);
            Assert.Equal($"/reviews/{i}", handler.Recording.StartLines[i].Target);
        }

        Assert.True(reader.End);
        Assert.Equal(ParseStatus.Incomplete, parser.Parse(ref reader, ref handler));
        Assert.False(parser.RequestInProgress);
    }

    [Fact]
    public void Parse_EmptyReader_IsIncompleteWithNothingInProgress()
    {
        var parser = new Http1RequestParser(HttpLimits.Default);
        var reader = new SequenceReader<byte>(ReadOnlySequence<byte>.Empty);
        var handler = new RecordingHandler(new RequestRecording());

        Assert.Equal(ParseStatus.Incomplete, parser.Parse(ref reader, ref handler));
        Assert.False(parser.RequestInProgress);
        Assert.Empty(handler.Recording.Events);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Parse_OneLeadingEmptyLine_IsSkipped(int split)
    {
        byte[] bytes = [.. "\r\n"u8, .. RequestCorpus.ShadowGet];
        var recording = new RequestRecording();

        ParseRun run = ParserDriver.ParseBuffer(new Http1RequestParser(HttpLimits.Default), SegmentedSequence.SplitAt(bytes, split), recording);

        Assert.Equal(1, run.Completed);
        Assert.Equal(bytes.Length, run.Consumed);
        Assert.Equal("/reviews/0", Assert.Single(recording.StartLines).Target);
    }

    [Fact]
    public void Parse_LeadingEmptyLineAlone_IsIncomplete()
    {
        var recording = new RequestRecording();

        ParseRun run = ParserDriver.ParseOnce("\r\n"u8.ToArray(), recording);

        Assert.Equal(ParseStatus.Incomplete, run.Last);
        Assert.Equal(0, run.Consumed);
    }

    [Fact]
    public void Parse_HeaderValues_AreTrimmedOfWhitespaceAndKeepObsText()
    {
        byte[] bytes = RequestCorpus.Latin1("GET / HTTP/1.1\r\nhost:reviews\r\nx-a: \t spaced  value \t\r\nx-b:\r\nx-c: caf\u00E9\r\nx-d:\t\r\n\r\n");
        var recording = new RequestRecording();

        ParseRun run = ParserDriver.ParseOnce(bytes, recording);

        Assert.Equal(1, run.Completed);
        Assert.Equal(
            [("host", "reviews"), ("x-a", "spaced  value"), ("x-b", ""), ("x-c", "caf\u00E9"), ("x-d", "")],
            recording.Headers);
    }

    [Fact]
    public void Parse_AfterRejection_StaysRejectedUntilReset()
    {
        var parser = new Http1RequestParser(HttpLimits.Default);
        var recording = new RequestRecording();

        ParseRun rejected = ParserDriver.ParseBuffer(parser, new ReadOnlySequence<byte>(RequestCorpus.Find("TwoHosts").Bytes), recording);
        ParseRun again = ParserDriver.ParseBuffer(parser, new ReadOnlySequence<byte>(RequestCorpus.ShadowGet), recording);

        Assert.Equal(ParseStatus.Rejected, rejected.Last);
        Assert.Equal(ParseStatus.Rejected, again.Last);
        Assert.Equal(RequestRejectionReason.MultipleHost, parser.RejectionReason);

        parser.Reset();
        ParseRun afterReset = ParserDriver.ParseBuffer(parser, new ReadOnlySequence<byte>(RequestCorpus.ShadowGet), new RequestRecording());

        Assert.Equal(1, afterReset.Completed);
        Assert.Equal(RequestRejectionReason.None, parser.RejectionReason);
    }

    [Fact]
    public void Parse_ResetInsideBody_StartsOverAtAHead()
    {
        var parser = new Http1RequestParser(HttpLimits.Default);
        byte[] post = RequestCorpus.JsonPost1K;
        ParserDriver.ParseBuffer(parser, new ReadOnlySequence<byte>(post, 0, post.Length - 100), new RequestRecording());
        Assert.True(parser.InBody);

        parser.Reset();
        ParseRun run = ParserDriver.ParseBuffer(parser, new ReadOnlySequence<byte>(RequestCorpus.ShadowGet), new RequestRecording());

        Assert.False(parser.InBody);
        Assert.Equal(1, run.Completed);
    }

    [Fact]
    public void Parse_CorpusRequests_AllocateNothing()
    {
        var parser = new Http1RequestParser(HttpLimits.Default);
        ReadOnlySequence<byte>[] inputs =
        [
            .. RequestCorpus.Valid.Select(c => new ReadOnlySequence<byte>(c.Bytes)),
            SegmentedSequence.SplitAt(RequestCorpus.BrowserGet, 7, 100, 400, 900),
            SegmentedSequence.FixedSize(RequestCorpus.ChunkedPost, 64),
            SegmentedSequence.FixedSize(RequestCorpus.JsonPost64K, 4096),
        ];
        int expected = CountRequests(parser, inputs);

        int requests = 0;
        long allocated = SteadyAllocation.LeastBytes(() =>
        {
            requests = 0;
            for (int i = 0; i < 20; i++)
            {
                requests += CountRequests(parser, inputs);
            }
        });

        Assert.Equal(20 * expected, requests);
        Assert.Equal(0, allocated);
    }

    private static int CountRequests(Http1RequestParser parser, ReadOnlySequence<byte>[] inputs)
    {
        int requests = 0;
        foreach (ReadOnlySequence<byte> input in inputs)
        {
            var reader = new SequenceReader<byte>(input);
            var handler = new CountingHandler();
            while (parser.Parse(ref reader, ref handler) == ParseStatus.Complete)
            {
                requests++;
            }
        }

        return requests;
    }
}
