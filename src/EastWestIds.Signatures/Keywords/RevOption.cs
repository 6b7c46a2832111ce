using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary><c>rev:N;</c> — the rule's revision, a non-negative integer; 0 when absent (as in Suricata).</summary>
/// <param name="Revision">The revision.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record RevOption(int Revision, SourceLocation Location) : SignatureOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "rev";

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.RuleMetadata, KeywordValue.Required, Create);

    private static SignatureOption? Create(KeywordContext ctx) =>
        KeywordArguments.TryParseInt(ctx.Value, 0, int.MaxValue, out int rev)
            ? new RevOption(rev, ctx.Option.Location)
            : ctx.Error($"'{ctx.Value}' is not a revision (a non-negative integer)");
}
