using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary><c>endswith;</c> — the previous content must match at the end of the buffer.</summary>
/// <param name="Location">Where the keyword was written.</param>
public sealed record EndsWithOption(SourceLocation Location) : ContentModifierOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "endswith";

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.ContentModifier, KeywordValue.None, ctx => new EndsWithOption(ctx.Option.Location));
}
