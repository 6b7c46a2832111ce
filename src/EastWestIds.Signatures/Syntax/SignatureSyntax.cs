namespace EastWestIds.Signatures.Syntax;

/// <summary>
/// A rule as written, before any keyword is interpreted: the seven header fields (addresses and ports kept as
/// text — <c>any</c>, <c>$HOME_NET</c>, <c>[10.0.0.0/8,!10.1.0.0/16]</c> — since the mesh identifies peers by
/// SPIFFE principal, not address) and the ordered option list.
/// </summary>
/// <param name="Action">First header field, e.g. <c>alert</c>.</param>
/// <param name="Protocol">Second header field, e.g. <c>http</c>.</param>
/// <param name="Source">Source address expression, as text.</param>
/// <param name="SourcePort">Source port expression, as text.</param>
/// <param name="Direction">The direction operator.</param>
/// <param name="Destination">Destination address expression, as text.</param>
/// <param name="DestinationPort">Destination port expression, as text.</param>
/// <param name="Options">The options in the order written.</param>
/// <param name="Location">Where the rule starts (its action).</param>
/// <param name="Text">The logical rule line (continuations joined), for messages and <c>ewids rules</c> output.</param>
public sealed record SignatureSyntax(
    string Action,
    string Protocol,
    string Source,
    string SourcePort,
    RuleDirection Direction,
    string Destination,
    string DestinationPort,
    IReadOnlyList<SignatureOptionSyntax> Options,
    SourceLocation Location,
    string Text);
