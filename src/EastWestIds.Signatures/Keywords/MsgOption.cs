using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary><c>msg:"…";</c> — the alert text. Quoted; <c>\;</c>, <c>\"</c>, <c>\\</c> unescaped. Required once per rule.</summary>
/// <param name="Message">The unescaped text.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record MsgOption(string Message, SourceLocation Location) : SignatureOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "msg";

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.RuleMetadata, KeywordValue.Required, Create);

    private static SignatureOption? Create(KeywordContext ctx)
    {
        if (!OptionValue.TryUnquote(ctx.Value, out string inner, out string? error) || !OptionValue.TryUnescape(inner, out inner, out error))
        {
            return ctx.Error(error!);
        }

        return inner.Trim().Length == 0 ? ctx.Error("message is empty") : new MsgOption(inner, ctx.Option.Location);
    }
}
