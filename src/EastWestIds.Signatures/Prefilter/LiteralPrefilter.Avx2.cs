using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EastWestIds.Signatures.Prefilter;

internal sealed partial class LiteralPrefilter
{
    /// <summary>Positions one step of <see cref="CollectAvx2"/> tests.</summary>
    private const int VectorPositions = 8;

    /// <summary>
    /// <see cref="Collect"/> eight positions at a time with AVX2: the value folded in a vector, the pair and hashed
    /// triple of each position computed in 32-bit lanes, both table bits fetched with one gather each. Returns the
    /// hits found and sets <paramref name="from"/> to <paramref name="to"/>.
    /// </summary>
    /// <remarks>
    /// Why: the scalar pass costs ~28 instructions per byte (two dependent table loads per position), and it runs
    /// over every value of every slot with a prefilter, the header block three times. A step here is ~30
    /// instructions for eight positions, and hits (about 1% of positions in benign text) cost a bit scan each. A step
    /// reads 16 bytes (positions <c>i</c>…<c>i+7</c> need bytes up to <c>i+9</c>), so the last positions of a value,
    /// and all of a short one, are stepped over a zero-padded copy (short values are most of them: arguments, headers).
    /// </remarks>
    private static unsafe int CollectAvx2(ReadOnlySpan<byte> value, ref int from, int to, ulong[] table, int[] hits)
    {
        int count = 0;
        int i = from;
        int lastStep = Math.Min(to - VectorPositions, value.Length - Vector128<byte>.Count);
        fixed (byte* data = value)
        fixed (ulong* words = table)
        fixed (int* hit = hits)
        {
            int* bits = (int*)words;
            for (; i <= lastStep; i += VectorPositions)
            {
                count = Record(Step(data + i, bits), i, hit, count);
            }

            if (i < to)
            {
                // The last positions (fewer than 16 bytes left, or a short value): the same steps over a zero-padded
                // copy, with the positions from `to` on masked off (the zeros only ever sit in those windows).
                byte* padded = stackalloc byte[2 * Vector128<byte>.Count];
                new Span<byte>(padded, 2 * Vector128<byte>.Count).Clear();
                value.Slice(i, Math.Min(value.Length - i, 2 * Vector128<byte>.Count)).CopyTo(new Span<byte>(padded, 2 * Vector128<byte>.Count));
                for (int step = 0; i + step < to; step += VectorPositions)
                {
                    int left = to - i - step;
                    uint mask = Step(padded + step, bits) & (left >= VectorPositions ? 0xFFu : (1u << left) - 1);
                    count = Record(mask, i + step, hit, count);
                }

                i = to;
            }
        }

        from = i;
        return count;
    }

    /// <summary>Bit k set: position <c>at + k</c> (k &lt; 8) has its pair or hashed triple in the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe uint Step(byte* at, int* bits)
    {
        Vector128<byte> folded = Fold(Vector128.Load(at));
        Vector256<int> b0 = Avx2.ConvertToVector256Int32(folded);
        Vector256<int> b1 = Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(folded, 1));
        Vector256<int> b2 = Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(folded, 2));
        Vector256<int> pair = Vector256.ShiftLeft(b0, 8) | b1;
        Vector256<int> window = Vector256.ShiftLeft(pair, 8) | b2;
        Vector256<int> triple = Vector256.Create((int)TripleBase)
            + Vector256.ShiftRightLogical((window * Vector256.Create(unchecked((int)0x9E3779B1u))).AsUInt32(), 32 - TripleBits).AsInt32();
        Vector256<int> pairWord = Avx2.GatherVector256(bits, Vector256.ShiftRightLogical(pair, 5), 4);
        Vector256<int> tripleWord = Avx2.GatherVector256(bits, Vector256.ShiftRightLogical(triple, 5), 4);
        Vector256<int> low5 = Vector256.Create(31);
        Vector256<uint> found = Avx2.ShiftRightLogicalVariable(pairWord.AsUInt32(), (pair & low5).AsUInt32())
            | Avx2.ShiftRightLogicalVariable(tripleWord.AsUInt32(), (triple & low5).AsUInt32());
        return Vector256.ExtractMostSignificantBits(Vector256.ShiftLeft(found, 31));
    }

    /// <summary>Appends the position of each bit of <paramref name="mask"/> to the hits; returns the new count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe int Record(uint mask, int at, int* hit, int count)
    {
        while (mask != 0)
        {
            hit[count++] = at + BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
        }

        return count;
    }

    /// <summary>
    /// <see cref="s_fold"/> for sixteen bytes: a–z and à–þ but ÷ lose bit 0x20; every other byte (µ and ÿ, whose
    /// upper case is outside Latin-1, included) stays.
    /// </summary>
    internal static Vector128<byte> Fold(Vector128<byte> bytes)
    {
        Vector128<byte> asciiLower = Vector128.LessThanOrEqual(bytes - Vector128.Create((byte)'a'), Vector128.Create((byte)('z' - 'a')));
        Vector128<byte> latinLower = Vector128.LessThanOrEqual(bytes - Vector128.Create((byte)0xE0), Vector128.Create((byte)(0xFE - 0xE0)))
            & ~Vector128.Equals(bytes, Vector128.Create((byte)0xF7));
        return bytes & ~((asciiLower | latinLower) & Vector128.Create((byte)0x20));
    }

    /// <summary>The scalar case folding (<see cref="BuildFold"/>), for tests of <see cref="Fold(Vector128{byte})"/>.</summary>
    internal static byte FoldByte(byte b) => s_fold[b];
}
