using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Signatures.Matching;

/// <summary>
/// A rule that matched one request, with its evidence: the buffer and value index the evidence comes from, the
/// decoded span (offset and length in that value after transforms), and that span as capped, escaped text.
/// </summary>
/// <param name="Signature">The rule.</param>
/// <param name="Buffer">The buffer of the evidence.</param>
/// <param name="ValueIndex">Which value of a multi-valued buffer (0 for single-valued ones).</param>
/// <param name="Offset">Start of the evidence in the (transformed) value.</param>
/// <param name="Length">Length of the evidence in bytes (before capping).</param>
/// <param name="Evidence">The evidence bytes as text: printable ASCII kept, others as <c>\xNN</c>, capped.</param>
public readonly record struct SignatureMatch(
    CompiledSignature Signature,
    InspectionBuffer Buffer,
    int ValueIndex,
    int Offset,
    int Length,
    string Evidence);
