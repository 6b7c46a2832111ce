using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// <c>content:[!]"text|hex|text";</c> — a literal, decoded to bytes (text as UTF-8, <c>|3a 3b|</c> blocks as hex,
/// <c>\;</c> <c>\"</c> <c>\\</c> <c>\:</c> escapes). It inspects the current sticky buffer, or
/// <see cref="InspectionBuffer.Payload"/> when none precedes it. Its modifiers follow it directly.
/// </summary>
/// <param name="Pattern">The decoded bytes (never empty).</param>
/// <param name="Negated">True for <c>!"…"</c>: the rule needs the literal to be absent.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record ContentOption(byte[] Pattern, bool Negated, SourceLocation Location) : SignatureOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "content";

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.Content, KeywordValue.Required, Create);

    private static SignatureOption? Create(KeywordContext ctx) =>
        OptionValue.TryDecodeContent(ctx.Value, out byte[] bytes, out bool negated, out string? error)
            ? new ContentOption(bytes, negated, ctx.Option.Location)
            : ctx.Error(error!);
}
