using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// <c>sid:N;</c> — the rule id, 1 to 2147483647 (Suricata allows 32 unsigned bits; alerts carry an <see cref="int"/>).
/// Required once per rule and unique across the loaded set (checked by the loader).
/// </summary>
/// <param name="Sid">The id.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record SidOption(int Sid, SourceLocation Location) : SignatureOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "sid";

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.RuleMetadata, KeywordValue.Required, Create);

    private static SignatureOption? Create(KeywordContext ctx) =>
        KeywordArguments.TryParseInt(ctx.Value, 1, int.MaxValue, out int sid)
            ? new SidOption(sid, ctx.Option.Location)
            : ctx.Error($"'{ctx.Value}' is not a sid (an integer from 1 to {int.MaxValue})");
}
