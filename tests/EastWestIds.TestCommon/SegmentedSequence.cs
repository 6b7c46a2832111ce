using System.Buffers;

namespace EastWestIds.TestCommon;

/// <summary>
/// Builds multi-segment <see cref="ReadOnlySequence{T}"/>s from bytes, the way a <c>PipeReader</c> hands over data
/// that arrived in several reads: for tests that must prove a parser gives the same answer however the input is
/// cut (every segment is a separate array, so nothing can be read across a boundary by accident).
/// </summary>
public static class SegmentedSequence
{
    /// <summary>A sequence with one segment per array (each copied); empty arrays become empty segments.</summary>
    public static ReadOnlySequence<byte> Create(params byte[][] segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var memories = new ReadOnlyMemory<byte>[segments.Length];
        for (int i = 0; i < segments.Length; i++)
        {
            memories[i] = segments[i].AsSpan().ToArray();
        }

        return Link(memories);
    }

    /// <summary>
    /// Cuts <paramref name="data"/> before each offset (ascending, 0..length; a repeated offset makes an empty
    /// segment). <c>SplitAt(data, 3, 10)</c> gives <c>[0,3) [3,10) [10,end)</c>.
    /// </summary>
    public static ReadOnlySequence<byte> SplitAt(ReadOnlySpan<byte> data, params int[] offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        var memories = new List<ReadOnlyMemory<byte>>(offsets.Length + 1);
        int start = 0;
        foreach (int offset in offsets)
        {
            if (offset < start || offset > data.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(offsets), $"offset {offset} is not in [{start}, {data.Length}]");
            }

            memories.Add(data[start..offset].ToArray());
            start = offset;
        }

        memories.Add(data[start..].ToArray());
        return Link(memories);
    }

    /// <summary>Every byte in its own segment: the worst case for anything that looks for delimiters.</summary>
    public static ReadOnlySequence<byte> BytePerSegment(ReadOnlySpan<byte> data)
    {
        var memories = new ReadOnlyMemory<byte>[data.Length];
        for (int i = 0; i < data.Length; i++)
        {
            memories[i] = new[] { data[i] };
        }

        return Link(memories);
    }

    /// <summary>Segments of <paramref name="segmentSize"/> bytes (the last one shorter), like a pipe's pooled blocks.</summary>
    public static ReadOnlySequence<byte> FixedSize(ReadOnlySpan<byte> data, int segmentSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(segmentSize);
        var memories = new List<ReadOnlyMemory<byte>>((data.Length / segmentSize) + 1);
        for (int start = 0; start < data.Length; start += segmentSize)
        {
            memories.Add(data.Slice(start, Math.Min(segmentSize, data.Length - start)).ToArray());
        }

        return Link(memories);
    }

    /// <summary>
    /// Cuts <paramref name="data"/> at up to <paramref name="maxCuts"/> random offsets drawn from
    /// <paramref name="random"/> (seed it for reproducible tests); duplicates give empty segments.
    /// </summary>
    public static ReadOnlySequence<byte> RandomSplits(ReadOnlySpan<byte> data, Random random, int maxCuts)
        => SplitAt(data, RandomOffsets(data.Length, random, maxCuts));

    /// <summary>The sorted cut offsets <see cref="RandomSplits"/> uses, for tests that report them on failure.</summary>
    public static int[] RandomOffsets(int length, Random random, int maxCuts)
    {
        ArgumentNullException.ThrowIfNull(random);
        var offsets = new int[random.Next(1, Math.Max(1, maxCuts) + 1)];
        for (int i = 0; i < offsets.Length; i++)
        {
            offsets[i] = random.Next(0, length + 1);
        }

        Array.Sort(offsets);
        return offsets;
    }

    /// <summary>A sequence over the given memories in order (not copied).</summary>
    public static ReadOnlySequence<byte> Link(IReadOnlyList<ReadOnlyMemory<byte>> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Count == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new SequenceSegment(segments[0]);
        SequenceSegment last = first;
        for (int i = 1; i < segments.Count; i++)
        {
            last = last.Append(segments[i]);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
