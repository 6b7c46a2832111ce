using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// <c>fast_pattern;</c> — makes the previous content the rule's prefilter literal. The legacy
/// <c>fast_pattern:only;</c> and the chop form <c>fast_pattern:offset,length;</c> (which asks Suricata to use only
/// part of the content) are accepted with the same meaning: the whole content is a literal every match holds, so
/// using all of it can only make the prefilter more selective, never miss a match.
/// </summary>
/// <param name="Location">Where the keyword was written.</param>
public sealed record FastPatternOption(SourceLocation Location) : ContentModifierOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "fast_pattern";

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.ContentModifier, KeywordValue.Optional, Create);

    private static SignatureOption? Create(KeywordContext ctx) =>
        ctx.Option.Value is null || ctx.Value == "only" || IsChop(ctx.Value)
            ? new FastPatternOption(ctx.Option.Location)
            : ctx.Error($"'{ctx.Value}' is not supported (write 'fast_pattern;')");

    private static bool IsChop(string value) =>
        KeywordArguments.SplitList(value) is [var offset, var length]
        && KeywordArguments.TryParseInt(offset, 0, ushort.MaxValue, out _) && KeywordArguments.TryParseInt(length, 1, ushort.MaxValue, out _);
}
