using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Signatures.Matching.Steps;

/// <summary>
/// <c>byte_test</c> (<see cref="ByteTestOption"/>), as Suricata's <c>DetectBytetestDoMatch</c>: read the number, mask it,
/// compare. Too few bytes, or no digit where <c>string</c> expects one, is no match. The cursor does not move.
/// </summary>
internal sealed class ByteTestStep(ByteTestOption test) : MatchStep
{
    public override bool IsRelative => test.Relative;

    public override int Inspect(ref ProgramRun run, int index)
    {
        if (!run.Spend())
        {
            return -1;
        }

        // A relative test may hold after a later occurrence of the match before it; an absolute one never will.
        int noMatch = test.Relative ? 0 : -1;
        long start = test.Relative ? (long)run.BufferOffset + test.Offset : test.Offset;
        if (start < 0 || start > run.Data.Length)
        {
            return noMatch;
        }

        ReadOnlySpan<byte> rest = run.Data[(int)start..];
        int bytes = test.Bytes == 0 ? Math.Min(rest.Length, ByteTestOption.MaxStringBytes) : test.Bytes;
        if (bytes == 0 || bytes > rest.Length || !ByteNumber.TryRead(rest[..bytes], test.Base, test.LittleEndian, out ulong read))
        {
            return noMatch;
        }

        ulong number = ByteNumber.Masked(read, test.Bitmask);
        bool holds = test.Operator switch
        {
            ByteTestOperator.Less => number < test.Value,
            ByteTestOperator.Greater => number > test.Value,
            ByteTestOperator.Equal => number == test.Value,
            ByteTestOperator.LessOrEqual => number <= test.Value,
            ByteTestOperator.GreaterOrEqual => number >= test.Value,
            ByteTestOperator.And => (number & test.Value) != 0,
            _ => (number ^ test.Value) != 0,
        };
        return holds != test.Negated ? run.Continue(index) : noMatch;
    }
}
