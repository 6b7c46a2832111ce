using System.Buffers.Binary;

namespace EastWestIds.Signatures.Matching.Steps;

/// <summary>The number <c>byte_test</c> and <c>byte_jump</c> read from a buffer, as Suricata reads it.</summary>
internal static class ByteNumber
{
    /// <summary>
    /// Reads <paramref name="bytes"/> as a binary number (<paramref name="numberBase"/> 0: big-endian unless
    /// <paramref name="littleEndian"/>; at most 8 bytes) or as text digits in <paramref name="numberBase"/> (16, 10 or
    /// 8): the digits the bytes start with, as <c>strtoull</c> reads them; no digit or an overflow is no number.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, int numberBase, bool littleEndian, out ulong number)
    {
        if (numberBase == 0)
        {
            Span<byte> word = stackalloc byte[8];
            word.Clear();
            if (littleEndian)
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
            if (digit >= numberBase)
            {
                break;
            }

            if (number > (ulong.MaxValue - (ulong)digit) / (ulong)numberBase)
            {
                return false;
            }

            number = number * (ulong)numberBase + (ulong)digit;
            digits++;
        }

        return digits > 0;
    }

    /// <summary>The number masked by <paramref name="bitmask"/> and shifted down by its trailing zeros (no mask: 0).</summary>
    public static ulong Masked(ulong number, ulong bitmask) =>
        bitmask == 0 ? number : (number & bitmask) >> System.Numerics.BitOperations.TrailingZeroCount(bitmask);
}
