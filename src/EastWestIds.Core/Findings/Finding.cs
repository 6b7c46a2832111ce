namespace EastWestIds.Core.Findings;

/// <summary>
/// One thing found in one request: the rule that fired and a short, human-readable detail
/// (the offending value, capped and never a secret). Findings are rare, so the detail may be a string.
/// </summary>
public readonly record struct Finding(SignatureInfo Signature, string? Detail);
