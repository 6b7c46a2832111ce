using System.Numerics;
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
    /// hits found and advances <paramref name="from"/> past the positions it tested; the scalar loop does the rest.
    /// </summary>
    /// <remarks>
    /// Why: the scalar pass costs ~28 instructions per byte (two dependent table loads per position), and it runs
    /// over every value of every slot with a prefilter, the header block three times. A step here is ~30
    /// instructions for eight positions, and hits (about 1% of positions in benign text) cost a bit scan each. A step
    /// reads 16 bytes (positions <c>i</c>…<c>i+7</c> need bytes up to <c>i+9</c>), so it stops 16 bytes before the end.
    /// </remarks>
    private static unsafe int CollectAvx2(ReadOnlySpan<byte> value, ref int from, int to, ulong[] table, int[] hits)
    {
        int count = 0;
        int i = from;
        int lastStep = Math.Min(to - VectorPositions, value.Length - Vector128<byte>.Count);
        if (i > lastStep)
        {
            return 0;
        }

        fixed (byte* data = value)
        fixed (ulong* words = table)
        fixed (int* hit = hits)
        {
            int* bits = (int*)words;
            Vector256<int> low5 = Vector256.Create(31);
            Vector256<int> tripleBase = Vector256.Create((int)TripleBase);
            Vector256<int> multiplier = Vector256.Create(unchecked((int)0x9E3779B1u));
            for (; i <= lastStep; i += VectorPositions)
            {
                Vector128<byte> folded = Fold(Vector128.Load(data + i));
                Vector256<int> b0 = Avx2.ConvertToVector256Int32(folded);
                Vector256<int> b1 = Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(folded, 1));
                Vector256<int> b2 = Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(folded, 2));
                Vector256<int> pair = Vector256.ShiftLeft(b0, 8) | b1;
                Vector256<int> window = Vector256.ShiftLeft(pair, 8) | b2;
                Vector256<int> triple = tripleBase
                    + Vector256.ShiftRightLogical((window * multiplier).AsUInt32(), 32 - TripleBits).AsInt32();
                Vector256<int> pairWord = Avx2.GatherVector256(bits, Vector256.ShiftRightLogical(pair, 5), 4);
                Vector256<int> tripleWord = Avx2.GatherVector256(bits, Vector256.ShiftRightLogical(triple, 5), 4);
                Vector256<uint> found = Avx2.ShiftRightLogicalVariable(pairWord.AsUInt32(), (pair & low5).AsUInt32())
                    | Avx2.ShiftRightLogicalVariable(tripleWord.AsUInt32(), (triple & low5).AsUInt32());
                uint mask = Vector256.ExtractMostSignificantBits(Vector256.ShiftLeft(found, 31));
                while (mask != 0)
                {
                    hit[count++] = i + BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                }
            }
        }

        from = i;
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
