using System.Buffers;

namespace EastWestIds.Benchmarks.Corpus;

/// <summary>A segment of a hand-built multi-segment sequence, like the blocks of a pipe's buffer.</summary>
public sealed class BufferSegment : ReadOnlySequenceSegment<byte>
{
    private BufferSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    /// <summary>Cuts <paramref name="data"/> before each of the ascending <paramref name="cuts"/>; each piece is its own array.</summary>
    public static ReadOnlySequence<byte> Split(byte[] data, params int[] cuts)
    {
        var first = new BufferSegment(data[..cuts[0]], 0);
        BufferSegment last = first;
        for (int i = 0; i <= cuts.Length - 1; i++)
        {
            int start = cuts[i];
            int end = i + 1 < cuts.Length ? cuts[i + 1] : data.Length;
            var next = new BufferSegment(data[start..end], start);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
