using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EastWestIds.Signatures.Prefilter;

internal sealed partial class LiteralPrefilter
{
    /// <summary>
    /// The first two case-folded bytes of each literal of two or more bytes, when there are at most
    /// <see cref="MaxFewLiterals"/> of them (null otherwise): <see cref="ScanFew"/> compares every position's pair with
    /// them, 32 positions at a time.
    /// </summary>
    private readonly (byte First, byte Second)[]? _fewPairs;

    private static (byte, byte)[]? FewPairs(byte[][] folded)
    {
        (byte, byte)[] pairs = [.. folded.Where(f => f.Length >= 2).Select(f => (f[0], f[1])).Distinct()];
        return pairs.Length is > 0 and <= MaxFewLiterals ? pairs : null;
    }

    /// <summary>
    /// Verifies every position whose folded pair starts one of the few literals: a vectorized compare of the value's
    /// folded bytes (and the next ones) with each pair, 32 positions per step.
    /// </summary>
    /// <remarks>
    /// Why not the hash pass: with a handful of literals its two table gathers per eight positions are all cost (a 64
    /// KiB upload's raw body, whose slot holds three, took ~60 µs); and not <c>SearchValues</c> of strings, which
    /// needs the value widened to chars and ASCII literals (<c>|ac ed 00 05|</c> is not).
    /// </remarks>
    private void ScanFew(ReadOnlySpan<byte> value, int valueIndex, RuleMarks marks, int[] seen, int scan)
    {
        (byte First, byte Second)[] pairs = _fewPairs!;
        int last = value.Length - 2; // the last position with a pair
        int at = 0;
        if (Vector256.IsHardwareAccelerated && value.Length >= Vector256<byte>.Count + 1)
        {
            ref byte data = ref MemoryMarshal.GetReference(value);
            for (; at + Vector256<byte>.Count <= value.Length - 1; at += Vector256<byte>.Count)
            {
                Vector256<byte> first = Fold(Vector256.LoadUnsafe(ref data, (nuint)at));
                Vector256<byte> second = Fold(Vector256.LoadUnsafe(ref data, (nuint)(at + 1)));
                Vector256<byte> hit = Vector256<byte>.Zero;
                foreach ((byte a, byte b) in pairs)
                {
                    hit |= Vector256.Equals(first, Vector256.Create(a)) & Vector256.Equals(second, Vector256.Create(b));
                }

                for (uint mask = Vector256.ExtractMostSignificantBits(hit); mask != 0; mask &= mask - 1)
                {
                    Verify(value, at + BitOperations.TrailingZeroCount(mask), valueIndex, marks, seen, scan);
                }
            }
        }

        // the rest (and short values) by the verification buckets' own lookup: two loads per position, however many pairs
        for (; at <= last; at++)
        {
            if (_byFirstTwo[s_fold[value[at]]] is { } bySecond && bySecond[s_fold[value[at + 1]]] is not null)
            {
                Verify(value, at, valueIndex, marks, seen, scan);
            }
        }
    }

    /// <summary><see cref="Fold(Vector128{byte})"/> for 32 bytes.</summary>
    internal static Vector256<byte> Fold(Vector256<byte> bytes)
    {
        Vector256<byte> asciiLower = Vector256.LessThanOrEqual(bytes - Vector256.Create((byte)'a'), Vector256.Create((byte)('z' - 'a')));
        Vector256<byte> latinLower = Vector256.LessThanOrEqual(bytes - Vector256.Create((byte)0xE0), Vector256.Create((byte)(0xFE - 0xE0)))
            & ~Vector256.Equals(bytes, Vector256.Create((byte)0xF7));
        return bytes & ~((asciiLower | latinLower) & Vector256.Create((byte)0x20));
    }
}
