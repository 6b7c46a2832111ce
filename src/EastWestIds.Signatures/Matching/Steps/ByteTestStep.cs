using System.Buffers.Binary;
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
        if (bytes == 0 || bytes > rest.Length || !TryRead(rest[..bytes], out ulong number))
        {
            return noMatch;
        }

        if (test.Bitmask != 0)
        {
            number = (number & test.Bitmask) >> System.Numerics.BitOperations.TrailingZeroCount(test.Bitmask);
        }

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

    private bool TryRead(ReadOnlySpan<byte> bytes, out ulong number)
    {
        if (test.Base == 0)
        {
            Span<byte> word = stackalloc byte[8];
            word.Clear();
            if (test.LittleEndian)
            {
                bytes.CopyTo(word);
                number = BinaryPrimitives.ReadUInt64LittleEndian(word);
            }
            else
            {
                bytes.CopyTo(word[(8 - bytes.Length)..]);
                number = BinaryPrimitives.ReadUInt64BigEndian(word);
            }

            return true;
        }

        // As strtoull: the digits the bytes start with (at least one); an overflow is no number.
        number = 0;
        int digits = 0;
        foreach (byte b in bytes)
        {
            int digit = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => 99,
            };
            if (digit >= test.Base)
            {
                break;
            }

            if (number > (ulong.MaxValue - (ulong)digit) / (ulong)test.Base)
            {
                return false;
            }

            number = number * (ulong)test.Base + (ulong)digit;
            digits++;
        }

        return digits > 0;
    }
}
