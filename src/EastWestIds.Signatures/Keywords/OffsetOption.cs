using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary><c>offset:N;</c> — the previous content is searched from byte N of the buffer.</summary>
/// <param name="Value">The number of bytes.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record OffsetOption(int Value, SourceLocation Location) : ContentModifierOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "offset";

    /// <inheritdoc/>
    public override bool IsAbsolute => true;

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.ContentModifier, KeywordValue.Required, Create);

    private static SignatureOption? Create(KeywordContext ctx) =>
        KeywordArguments.TryParseInt(ctx.Value, 0, 65535, out int value)
            ? new OffsetOption(value, ctx.Option.Location)
            : ctx.Error($"'{ctx.Value}' is not an integer from 0 to 65535 (variables from byte_extract are not supported)");
}
