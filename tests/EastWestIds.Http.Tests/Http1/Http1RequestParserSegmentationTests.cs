using System.Buffers;
using EastWestIds.Http.Http1;
using EastWestIds.Http.Tests.Support;
using EastWestIds.TestCommon;

namespace EastWestIds.Http.Tests.Http1;

/// <summary>
/// The valid corpus cut in every way: every prefix, one byte per segment, random cuts, drip-fed arrivals.
/// Whatever the cut, the callbacks must be the same as for one segment, and an incomplete head must consume nothing.
/// </summary>
public class Http1RequestParserSegmentationTests
{
    [Theory]
    [MemberData(nameof(CorpusData.Valid), MemberType = typeof(CorpusData))]
    public void Parse_IncompletePrefix_ConsumesNothing(string name)
    {
        byte[] bytes = RequestCorpus.Find(name).Bytes;
        int headLength = bytes.AsSpan().IndexOf("\r\n\r\n"u8) + 4;

        for (int length = 0; length < headLength; length++)
        {
            var recording = new RequestRecording();
            var parser = new Http1RequestParser(HttpLimits.Default);

            ParseRun run = ParserDriver.ParseBuffer(parser, new ReadOnlySequence<byte>(bytes, 0, length), recording);

            Assert.True(run.Last == ParseStatus.Incomplete, $"prefix {length}: {run}");
            Assert.Equal(0, run.Consumed);
            Assert.Empty(recording.Events);
            Assert.Equal(length > 0, parser.RequestInProgress);
            Assert.False(parser.InBody);
        }
    }

    [Theory]
    [MemberData(nameof(CorpusData.Valid), MemberType = typeof(CorpusData))]
    public void Parse_EveryPrefix_FramesOnlyWholeRequestsAndStreamsBody(string name)
    {
        RequestCorpus.Case corpus = RequestCorpus.Find(name);
        byte[] bytes = corpus.Bytes;
        (List<int> headEnds, List<int> ends, RequestRecording full) = Boundaries(bytes);
        Assert.Equal(corpus.RequestCount, ends.Count);

        for (int length = 0; length < bytes.Length; length++)
        {
            var recording = new RequestRecording();
            var parser = new Http1RequestParser(HttpLimits.Default);
            ParseRun run = ParserDriver.ParseBuffer(parser, new ReadOnlySequence<byte>(bytes, 0, length), recording);

            int whole = ends.Count(e => e <= length);
            int previousEnd = whole == 0 ? 0 : ends[whole - 1];
            Assert.True(run.Last == ParseStatus.Incomplete, $"prefix {length}: {run}");
            Assert.Equal(whole, run.Completed);
            if (length >= headEnds[whole])
            {
                // Inside a body: the head is consumed, every delivered byte is the right one, no trailers yet.
                Assert.True(parser.InBody, $"prefix {length}");
                Assert.Equal(whole + 1, recording.StartLines.Count);
                Assert.InRange(run.Consumed, headEnds[whole], length);
                byte[] delivered = recording.Bodies[whole].ToArray();
                Assert.True(full.Bodies[whole].ToArray().AsSpan().StartsWith(delivered), $"prefix {length}: body bytes differ");
                if (recording.Framings[whole].Body == BodyFraming.ContentLength)
                {
                    Assert.Equal(length, run.Consumed);
                }

                Assert.Empty(recording.Trailers);
            }
            else
            {
                Assert.False(parser.InBody);
                Assert.Equal(whole, recording.StartLines.Count);
                Assert.Equal(previousEnd, run.Consumed);
                Assert.Equal(length > previousEnd, parser.RequestInProgress);
            }
        }
    }

    [Theory]
    [MemberData(nameof(CorpusData.Valid), MemberType = typeof(CorpusData))]
    public void Parse_OneBytePerSegment_MatchesSingleSegment(string name)
    {
        RequestCorpus.Case corpus = RequestCorpus.Find(name);
        string expected = Baseline(corpus.Bytes);
        var recording = new RequestRecording();

        ParseRun run = ParserDriver.ParseBuffer(new Http1RequestParser(HttpLimits.Default), SegmentedSequence.BytePerSegment(corpus.Bytes), recording);

        Assert.Equal(corpus.RequestCount, run.Completed);
        Assert.Equal(corpus.Bytes.Length, run.Consumed);
        Assert.Equal(expected, recording.Describe());
    }

    [Theory]
    [MemberData(nameof(CorpusData.Valid), MemberType = typeof(CorpusData))]
    public void Parse_RandomSplits_MatchesSingleSegment(string name)
    {
        RequestCorpus.Case corpus = RequestCorpus.Find(name);
        string expected = Baseline(corpus.Bytes);
        var random = new Random(9112);

        for (int i = 0; i < 1000; i++)
        {
            int[] cuts = SegmentedSequence.RandomOffsets(corpus.Bytes.Length, random, maxCuts: 12);
            var recording = new RequestRecording();

            ParseRun run = ParserDriver.ParseBuffer(new Http1RequestParser(HttpLimits.Default), SegmentedSequence.SplitAt(corpus.Bytes, cuts), recording);

            string where = $"cuts [{string.Join(',', cuts)}]";
            Assert.True(corpus.RequestCount == run.Completed && corpus.Bytes.Length == run.Consumed, $"{where}: {run}");
            Assert.True(expected == recording.Describe(), where);
        }
    }

    [Theory]
    [MemberData(nameof(CorpusData.Valid), MemberType = typeof(CorpusData))]
    public void Parse_DripFed_MatchesSingleSegment(string name)
    {
        RequestCorpus.Case corpus = RequestCorpus.Find(name);
        string expected = Baseline(corpus.Bytes);
        var random = new Random(7230);

        for (int i = 0; i < 100; i++)
        {
            int[] arrivals = SegmentedSequence.RandomOffsets(corpus.Bytes.Length, random, maxCuts: 24);
            var recording = new RequestRecording();

            ParseRun run = ParserDriver.Drip(corpus.Bytes, arrivals, recording);

            string where = $"arrivals [{string.Join(',', arrivals)}]";
            Assert.True(corpus.RequestCount == run.Completed && corpus.Bytes.Length == run.Consumed, $"{where}: {run}");
            Assert.True(expected == recording.Describe(), where);
        }
    }

    [Fact]
    public void Parse_EmptySegments_AreSkipped()
    {
        byte[] bytes = RequestCorpus.BrowserGet;
        string expected = Baseline(bytes);
        ReadOnlySequence<byte> sequence = SegmentedSequence.Create([], bytes[..10], [], [], bytes[10..300], [], bytes[300..], []);
        var recording = new RequestRecording();

        ParseRun run = ParserDriver.ParseBuffer(new Http1RequestParser(HttpLimits.Default), sequence, recording);

        Assert.Equal(1, run.Completed);
        Assert.Equal(expected, recording.Describe());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(255)]
    [InlineData(4096)]
    public void Parse_LongLinesAcrossManySegments_AreReassembledExactly(int segmentSize)
    {
        // Lines longer than the stack scratch (256 bytes) crossing many segments: the carry buffer must grow
        // without losing what it holds.
        string target = "/search?q=" + new string('q', 3000);
        string cookie = string.Concat(Enumerable.Range(0, 600).Select(i => $"c{i}=v{i}; "));
        byte[] bytes = RequestCorpus.Latin1($"GET {target} HTTP/1.1\r\nhost: a\r\ncookie: {cookie.TrimEnd()}\r\nx-short: s\r\n\r\n");
        var recording = new RequestRecording();

        ParseRun run = ParserDriver.ParseBuffer(new Http1RequestParser(HttpLimits.Default), SegmentedSequence.FixedSize(bytes, segmentSize), recording);

        Assert.Equal(1, run.Completed);
        Assert.Equal(target, recording.StartLines[0].Target);
        Assert.Equal([("host", "a"), ("cookie", cookie.TrimEnd()), ("x-short", "s")], recording.Headers);
    }

    private static string Baseline(byte[] bytes)
    {
        var recording = new RequestRecording();
        ParserDriver.ParseOnce(bytes, recording);
        return recording.Describe();
    }

    /// <summary>Where each request's head and whole request end, from a one-segment parse.</summary>
    private static (List<int> HeadEnds, List<int> Ends, RequestRecording Full) Boundaries(byte[] bytes)
    {
        var full = new RequestRecording();
        var parser = new Http1RequestParser(HttpLimits.Default);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        var handler = new RecordingHandler(full);
        var ends = new List<int>();
        var headEnds = new List<int>();
        while (!reader.End)
        {
            int start = (int)reader.Consumed;
            headEnds.Add(start + bytes.AsSpan(start).IndexOf("\r\n\r\n"u8) + 4);
            Assert.Equal(ParseStatus.Complete, parser.Parse(ref reader, ref handler));
            ends.Add((int)reader.Consumed);
        }

        headEnds.Add(int.MaxValue);
        return (headEnds, ends, full);
    }
}
