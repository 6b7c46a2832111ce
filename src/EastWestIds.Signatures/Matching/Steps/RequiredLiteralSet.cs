namespace EastWestIds.Signatures.Matching.Steps;

/// <summary>A literal set every match of a pattern holds a literal of (<c>RegexLiterals.ExtractAll</c>), with its search.</summary>
internal sealed record RequiredLiteralSet(IReadOnlyList<string> Literals, LiteralSetSearch Search);
