using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// A rule option after its keyword factory validated the arguments: the typed, immutable form the compiler will
/// read. This increment stops here: options carry no match methods yet; compiling them into prefilters and
/// matchers is the next increment (<c>Compilation/</c>, <c>Matching/</c>).
/// </summary>
/// <param name="Keyword">The keyword's canonical (lower-case) name.</param>
/// <param name="Location">Where the keyword was written.</param>
public abstract record SignatureOption(string Keyword, SourceLocation Location);
