using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// <c>detect_sqli;</c> / <c>detect_xss;</c> — run a tokenizer-based detector on the current buffer (or the default
/// <see cref="InspectionBuffer.Payload"/>). The detectors themselves arrive with the matching increment.
/// </summary>
/// <param name="Detector">Which detector.</param>
/// <param name="Keyword">The keyword as registered.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record DetectorOption(DetectorKind Detector, string Keyword, SourceLocation Location) : SignatureOption(Keyword, Location)
{
    internal static IEnumerable<KeywordDefinition> Definitions()
    {
        yield return new("detect_sqli", KeywordKind.Inspection, KeywordValue.None,
            ctx => new DetectorOption(DetectorKind.SqlInjection, "detect_sqli", ctx.Option.Location));
        yield return new("detect_xss", KeywordKind.Inspection, KeywordValue.None,
            ctx => new DetectorOption(DetectorKind.CrossSiteScripting, "detect_xss", ctx.Option.Location));
    }
}
