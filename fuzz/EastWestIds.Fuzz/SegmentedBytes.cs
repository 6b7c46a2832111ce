using System.Buffers;

namespace EastWestIds.Fuzz;

/// <summary>
/// Bytes as a pipe hands them over: a <see cref="ReadOnlySequence{T}"/> of several segments, so that the parsers' paths
/// for a token split between two segments run, as they do when a TCP read ends in the middle of a header line.
/// </summary>
internal static class SegmentedBytes
{
    /// <summary><paramref name="bytes"/>[start..end] in segments of <paramref name="segmentLength"/> bytes (0: one segment).</summary>
    public static ReadOnlySequence<byte> Slice(byte[] bytes, int start, int end, int segmentLength)
    {
        if (segmentLength <= 0 || end - start <= segmentLength)
        {
            return new ReadOnlySequence<byte>(bytes, start, end - start);
        }

        var first = new Segment(bytes.AsMemory(start, segmentLength), 0);
        var last = first;
        for (int at = start + segmentLength; at < end; at += segmentLength)
        {
            last = last.Append(bytes.AsMemory(at, Math.Min(segmentLength, end - at)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
