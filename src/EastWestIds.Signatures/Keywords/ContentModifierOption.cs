using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// Base of the keywords that qualify the <see cref="ContentOption"/> written just before them (<c>nocase</c>,
/// <c>depth</c>, …). The validator attaches them: a modifier with no content before it in the current buffer is
/// an error. <see cref="IsRelative"/> and <see cref="IsAbsolute"/> let it reject Suricata's forbidden mixes
/// (<c>depth</c>/<c>offset</c> with <c>distance</c>/<c>within</c> on one content).
/// </summary>
/// <param name="Keyword">The keyword name.</param>
/// <param name="Location">Where the keyword was written.</param>
public abstract record ContentModifierOption(string Keyword, SourceLocation Location) : SignatureOption(Keyword, Location)
{
    /// <summary>True for modifiers positioned relative to the previous match (<c>distance</c>, <c>within</c>).</summary>
    public virtual bool IsRelative => false;

    /// <summary>True for modifiers positioned from the buffer start (<c>depth</c>, <c>offset</c>, <c>startswith</c>).</summary>
    public virtual bool IsAbsolute => false;
}
