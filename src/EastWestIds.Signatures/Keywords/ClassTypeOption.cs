using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// <c>classtype:name;</c> — the alert category, a name of letters, digits, <c>-</c> and <c>_</c>. Resolving it
/// to Suricata's classification text and default priority is the compiler's job (next increment).
/// </summary>
/// <param name="ClassType">The class type name.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record ClassTypeOption(string ClassType, SourceLocation Location) : SignatureOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "classtype";

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.RuleMetadata, KeywordValue.Required, Create);

    private static SignatureOption? Create(KeywordContext ctx)
    {
        string value = ctx.Value;
        foreach (char c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return ctx.Error($"'{value}' is not a class type name (letters, digits, '-' and '_')");
            }
        }

        return value.Length == 0 ? ctx.Error("class type is empty") : new ClassTypeOption(value, ctx.Option.Location);
    }
}
