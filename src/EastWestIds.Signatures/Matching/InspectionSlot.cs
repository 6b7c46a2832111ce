using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Prefilter;

namespace EastWestIds.Signatures.Matching;

/// <summary>
/// A buffer as the rules see it: an <see cref="InspectionBuffer"/> with the transforms applied to it, in order. Rules
/// that write the same buffer with the same transforms share a slot, so a request transforms it once and scans it
/// with one prefilter.
/// </summary>
internal sealed class InspectionSlot(int index, InspectionBuffer buffer, TransformOption[] transforms, string key)
{
    public int Index { get; } = index;

    public InspectionBuffer Buffer { get; } = buffer;

    public TransformOption[] Transforms { get; } = transforms;

    /// <summary>The sticky buffer keyword and transforms as text (<c>http.uri; url_decode; to_lowercase</c>).</summary>
    public string Key { get; } = key;

    /// <summary>The prefilter over this slot's fast-pattern literals, or null when no rule has one here.</summary>
    public LiteralPrefilter? Prefilter { get; set; }
}
