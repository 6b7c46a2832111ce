namespace EastWestIds.Identity.Xfcc;

/// <summary>The XFCC grammar of MESH-SEMANTICS §2.1. PLACEHOLDER.</summary>
public static class XfccParser
{
    /// <summary>Scans the whole header (every element must be well-formed) and describes its last element. Allocation-free.</summary>
    public static XfccSummary Summarize(ReadOnlySpan<byte> header) => throw new NotSupportedException("placeholder");
}
