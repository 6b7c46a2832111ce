using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary><c>distance:N;</c> — the previous content starts N bytes (may be negative) after the end of the match before it.</summary>
/// <param name="Value">The number of bytes.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record DistanceOption(int Value, SourceLocation Location) : ContentModifierOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "distance";

    /// <inheritdoc/>
    public override bool IsRelative => true;

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.ContentModifier, KeywordValue.Required, Create);

    private static SignatureOption? Create(KeywordContext ctx) =>
        KeywordArguments.TryParseInt(ctx.Value, -65535, 65535, out int value)
            ? new DistanceOption(value, ctx.Option.Location)
            : ctx.Error($"'{ctx.Value}' is not an integer from -65535 to 65535 (variables from byte_extract are not supported)");
}
