using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary><c>nocase;</c> — the previous content matches ASCII letters case-insensitively.</summary>
/// <param name="Location">Where the keyword was written.</param>
public sealed record NocaseOption(SourceLocation Location) : ContentModifierOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "nocase";

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.ContentModifier, KeywordValue.None, ctx => new NocaseOption(ctx.Option.Location));
}
