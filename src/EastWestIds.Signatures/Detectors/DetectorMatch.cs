namespace EastWestIds.Signatures.Detectors;

/// <summary>
/// What a detector found: the span of the input that carries the injection (offsets into the buffer that was
/// inspected) and a short fingerprint that says why, for alert evidence.
/// </summary>
/// <param name="Start">Offset of the first byte of the suspicious span.</param>
/// <param name="Length">Length of the suspicious span in bytes.</param>
/// <param name="Fingerprint">The token fingerprint (SQL) or the dangerous construct (XSS).</param>
public readonly record struct DetectorMatch(int Start, int Length, DetectorFingerprint Fingerprint);
