using System.Buffers;
using EastWestIds.Http.Http1;
using EastWestIds.TestCommon;

namespace EastWestIds.Http.Tests.Support;

/// <summary>Drives a parser like the connection handler: parse while Complete, then advance by what was consumed.</summary>
public static class ParserDriver
{
    /// <summary>One read that holds <paramref name="buffer"/>: parse requests until the parser stops.</summary>
    public static ParseRun ParseBuffer(Http1RequestParser parser, ReadOnlySequence<byte> buffer, RequestRecording recording)
    {
        var reader = new SequenceReader<byte>(buffer);
        var handler = new RecordingHandler(recording);
        int completed = 0;
        ParseStatus status;
        while ((status = parser.Parse(ref reader, ref handler)) == ParseStatus.Complete)
        {
            completed++;
        }

        return new ParseRun(completed, status, reader.Consumed, parser.RejectionReason);
    }

    /// <summary>Parses <paramref name="data"/> as one single-segment buffer with a fresh parser.</summary>
    public static ParseRun ParseOnce(byte[] data, RequestRecording recording, HttpLimits? limits = null)
        => ParseBuffer(new Http1RequestParser(limits ?? HttpLimits.Default), new ReadOnlySequence<byte>(data), recording);

    /// <summary>
    /// Simulates a pipe: <paramref name="data"/> arrives in pieces ending at <paramref name="arrivals"/> (ascending
    /// offsets; the end is added); after each arrival the unconsumed bytes (one segment per arrival) are parsed and
    /// consumed bytes are dropped, exactly as <c>AdvanceTo(consumed, examined)</c> would.
    /// </summary>
    public static ParseRun Drip(byte[] data, IEnumerable<int> arrivals, RequestRecording recording, HttpLimits? limits = null)
    {
        var parser = new Http1RequestParser(limits ?? HttpLimits.Default);
        var ends = new List<int>(arrivals.Where(a => a > 0 && a < data.Length).Distinct().Order()) { data.Length };
        int consumed = 0;
        int completed = 0;
        ParseRun last = default;
        foreach (int arrived in ends)
        {
            int[] cuts = ends.Where(e => e > consumed && e < arrived).Select(e => e - consumed).ToArray();
            ReadOnlySequence<byte> buffer = SegmentedSequence.SplitAt(data.AsSpan(consumed, arrived - consumed), cuts);
            last = ParseBuffer(parser, buffer, recording);
            completed += last.Completed;
            consumed += (int)last.Consumed;
            if (last.Last == ParseStatus.Rejected)
            {
                break;
            }
        }

        return last with { Completed = completed, Consumed = consumed };
    }
}
