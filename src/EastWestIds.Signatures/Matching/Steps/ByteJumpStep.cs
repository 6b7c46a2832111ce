using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Signatures.Matching.Steps;

/// <summary>
/// <c>byte_jump</c> (<see cref="ByteJumpOption"/>), as Suricata's <c>DetectBytejumpDoMatch</c>: read the number, mask,
/// multiply, align, move the cursor; a position outside the buffer (or a number that cannot be read) is no match.
/// </summary>
internal sealed class ByteJumpStep(ByteJumpOption jump) : MatchStep
{
    public override bool IsRelative => jump.Relative;

    public override int Inspect(ref ProgramRun run, int index)
    {
        if (!run.Spend())
        {
            return -1;
        }

        int noMatch = jump.Relative ? 0 : -1;
        int length = run.Data.Length;
        long start = jump.Relative ? (long)run.BufferOffset + jump.Offset : jump.Offset;
        if (start < 0 || start + jump.Bytes > length
            || !ByteNumber.TryRead(run.Data.Slice((int)start, jump.Bytes), jump.Base, jump.LittleEndian, out ulong read))
        {
            return noMatch;
        }

        // Checked in 128 bits: a jump of 2^64 must not wrap around into the buffer.
        UInt128 distance = (UInt128)ByteNumber.Masked(read, jump.Bitmask) * (uint)jump.Multiplier;
        if (jump.Align)
        {
            distance = (distance + 3) & ~(UInt128)3;
        }

        if (distance > (UInt128)length)
        {
            return noMatch;
        }

        long origin = jump.From switch
        {
            ByteJumpFrom.BufferStart => 0,
            ByteJumpFrom.BufferEnd => length,
            _ => start + jump.Bytes,
        };
        long target = origin + (long)distance + jump.PostOffset;
        if (target < 0 || target > length)
        {
            return noMatch;
        }

        run.BufferOffset = (int)target;
        return run.Continue(index);
    }
}
