using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// <c>fast_pattern;</c> — makes the previous content the rule's prefilter literal. The legacy
/// <c>fast_pattern:only;</c> is accepted with the same meaning; the chop form <c>fast_pattern:offset,length;</c>
/// is not supported and is an error.
/// </summary>
/// <param name="Location">Where the keyword was written.</param>
public sealed record FastPatternOption(SourceLocation Location) : ContentModifierOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "fast_pattern";

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.ContentModifier, KeywordValue.Optional, Create);

    private static SignatureOption? Create(KeywordContext ctx) =>
        ctx.Option.Value is null || ctx.Value == "only"
            ? new FastPatternOption(ctx.Option.Location)
            : ctx.Error($"'{ctx.Value}' is not supported (write 'fast_pattern;')");
}
