using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// The decoded inspection buffers of one request, computed lazily: a buffer is decoded the first time a rule asks for
/// it and then served from per-worker scratch memory until the next request. Single-valued buffers
/// (<c>http.uri</c>) have count 0 or 1; multi-valued ones (<c>http.arg</c>, <c>file.data</c>) one entry per value.
/// </summary>
public interface IInspectionBuffers
{
    /// <summary>How many values <paramref name="buffer"/> has for this request (0 when the request has none).</summary>
    int Count(InspectionBuffer buffer);

    /// <summary>Value <paramref name="index"/> of <paramref name="buffer"/>, valid until the next request.</summary>
    ReadOnlySpan<byte> Get(InspectionBuffer buffer, int index);

    /// <summary>
    /// Copies every value of <paramref name="buffer"/> into <paramref name="destination"/>, back to back, and the length
    /// of each into <paramref name="lengths"/> (at least <see cref="Count"/> long). Returns the bytes the values take;
    /// when that is more than <paramref name="destination"/> holds, nothing is copied (grow it and ask again).
    /// </summary>
    /// <remarks>Why: the matcher copies whole buffers; one call per buffer instead of one per value saves the
    /// per-value lookups (an implementation can resolve where the values live once per buffer).</remarks>
    int CopyValues(InspectionBuffer buffer, Span<byte> destination, Span<int> lengths)
    {
        int count = Count(buffer);
        int total = 0;
        for (int v = 0; v < count; v++)
        {
            total += Get(buffer, v).Length;
        }

        if (total > destination.Length)
        {
            return total;
        }

        for (int v = 0, at = 0; v < count; v++)
        {
            ReadOnlySpan<byte> value = Get(buffer, v);
            value.CopyTo(destination[at..]);
            lengths[v] = value.Length;
            at += value.Length;
        }

        return total;
    }
}
