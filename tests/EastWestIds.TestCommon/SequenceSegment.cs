using System.Buffers;

namespace EastWestIds.TestCommon;

/// <summary>One link of a hand-built <see cref="ReadOnlySequence{T}"/>, as a pipe's buffer segments are.</summary>
internal sealed class SequenceSegment : ReadOnlySequenceSegment<byte>
{
    public SequenceSegment(ReadOnlyMemory<byte> memory) => Memory = memory;

    /// <summary>Links <paramref name="memory"/> after this segment and returns the new segment.</summary>
    public SequenceSegment Append(ReadOnlyMemory<byte> memory)
    {
        var next = new SequenceSegment(memory) { RunningIndex = RunningIndex + Memory.Length };
        Next = next;
        return next;
    }
}
