using System.Runtime.CompilerServices;

namespace EastWestIds.Signatures.Detectors;

/// <summary>The folded tokens of one context, on the stack (as many as a fingerprint holds).</summary>
[InlineArray(DetectorFingerprint.Capacity)]
internal struct SqlTokenBuffer
{
    private SqlToken _first;
}
