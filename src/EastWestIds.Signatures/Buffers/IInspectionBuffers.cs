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
}
