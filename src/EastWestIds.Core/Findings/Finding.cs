namespace EastWestIds.Core.Findings;

/// <summary>
/// One thing found in one request: the rule that fired and a short, human-readable detail
/// (the offending value, capped and never a secret). Findings are rare, so the detail may be a string.
/// </summary>
/// <param name="Signature">The rule that fired (for a collapsed finding: the one that won, see <see cref="Related"/>).</param>
/// <param name="Detail">Where and what it matched, or null.</param>
/// <param name="Related">
/// The other rules of the same attack category that matched the same request, best first, each with its own detail;
/// null when none did. The signature stage collapses one request's matches per category into one finding so an attack
/// raises one alert, and keeps the rest here so nothing an analyst or rule author needs is lost.
/// </param>
public readonly record struct Finding(SignatureInfo Signature, string? Detail, Finding[]? Related = null);
