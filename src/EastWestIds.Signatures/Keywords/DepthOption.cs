using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary><c>depth:N;</c> — the previous content must end within the first N bytes of the buffer (N at least the content's length).</summary>
/// <param name="Value">The number of bytes.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record DepthOption(int Value, SourceLocation Location) : ContentModifierOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "depth";

    /// <inheritdoc/>
    public override bool IsAbsolute => true;

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.ContentModifier, KeywordValue.Required, Create);

    private static SignatureOption? Create(KeywordContext ctx) =>
        KeywordArguments.TryParseInt(ctx.Value, 1, 65535, out int value)
            ? new DepthOption(value, ctx.Option.Location)
            : ctx.Error($"'{ctx.Value}' is not an integer from 1 to 65535 (variables from byte_extract are not supported)");
}
