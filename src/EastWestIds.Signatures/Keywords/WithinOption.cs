using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary><c>within:N;</c> — the previous content must end within N bytes after the end of the match before it (N at least the content's length).</summary>
/// <param name="Value">The number of bytes.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record WithinOption(int Value, SourceLocation Location) : ContentModifierOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "within";

    /// <inheritdoc/>
    public override bool IsRelative => true;

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.ContentModifier, KeywordValue.Required, Create);

    private static SignatureOption? Create(KeywordContext ctx) =>
        KeywordArguments.TryParseInt(ctx.Value, 1, 65535, out int value)
            ? new WithinOption(value, ctx.Option.Location)
            : ctx.Error($"'{ctx.Value}' is not an integer from 1 to 65535 (variables from byte_extract are not supported)");
}
