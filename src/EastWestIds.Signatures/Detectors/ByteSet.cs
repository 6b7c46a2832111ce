using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EastWestIds.Signatures.Detectors;

/// <summary>
/// A set of bytes that the detectors' tokenizers cross runs of: the first <see cref="ScalarBytes"/> bytes of a search
/// by a table lookup each, the rest by a vectorized <see cref="SearchValues{T}"/> search.
/// </summary>
/// <remarks>
/// Why both: the runs the tokenizers cross are mostly short (a word of prose or of a User-Agent, the space after it),
/// and a vectorized search pays a fixed setup of some 5–10 ns per call however short the run. The word walks made one
/// to three such calls per word: on the User-Agent of every browser request, <c>detect_xss</c> spent ~0.5 µs in them.
/// A long run (a base64 blob, a minified script) still gets the vectorized search after its first bytes.
/// </remarks>
internal sealed class ByteSet
{
    /// <summary>Bytes tested one by one before a search turns to the vectorized one.</summary>
    private const int ScalarBytes = 16;

    private readonly bool[] _members = new bool[256];
    private readonly SearchValues<byte> _vectorized;

    public ByteSet(ReadOnlySpan<byte> members)
    {
        foreach (byte b in members)
        {
            _members[b] = true;
        }

        _vectorized = SearchValues.Create(members);
    }

    /// <summary>The first index at or after <paramref name="from"/> whose byte is in the set, or the input's length.</summary>
    public int IndexOfAny(ReadOnlySpan<byte> input, int from) => Find(input, from, member: true);

    /// <summary>The first index at or after <paramref name="from"/> whose byte is not in the set, or the input's length.</summary>
    public int IndexOfAnyExcept(ReadOnlySpan<byte> input, int from) => Find(input, from, member: false);

    private int Find(ReadOnlySpan<byte> input, int from, bool member)
    {
        ref bool members = ref MemoryMarshal.GetArrayDataReference(_members);
        int scalarEnd = Math.Min(input.Length, from + ScalarBytes);
        for (int i = from; i < scalarEnd; i++)
        {
            if (Unsafe.Add(ref members, input[i]) == member)
            {
                return i;
            }
        }

        if (scalarEnd >= input.Length)
        {
            return input.Length;
        }

        ReadOnlySpan<byte> rest = input[scalarEnd..];
        int found = member ? rest.IndexOfAny(_vectorized) : rest.IndexOfAnyExcept(_vectorized);
        return found < 0 ? input.Length : scalarEnd + found;
    }
}
