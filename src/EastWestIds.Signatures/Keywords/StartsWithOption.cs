using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary><c>startswith;</c> — the previous content must match at the start of the buffer (Suricata: shorthand for <c>depth</c> = length, <c>offset:0</c>; so it cannot be combined with them or with <c>distance</c>/<c>within</c>).</summary>
/// <param name="Location">Where the keyword was written.</param>
public sealed record StartsWithOption(SourceLocation Location) : ContentModifierOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "startswith";

    /// <inheritdoc/>
    public override bool IsAbsolute => true;

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.ContentModifier, KeywordValue.None, ctx => new StartsWithOption(ctx.Option.Location));
}
