using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary><c>reference:type,value;</c> — e.g. <c>reference:cve,2021-44228;</c> or <c>reference:url,example.com/x;</c>.</summary>
/// <param name="Type">The reference system (<c>url</c>, <c>cve</c>, …).</param>
/// <param name="Value">The identifier within it.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record ReferenceOption(string Type, string Value, SourceLocation Location) : SignatureOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "reference";

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.RuleMetadata, KeywordValue.Required, Create);

    private static SignatureOption? Create(KeywordContext ctx)
    {
        int comma = ctx.Value.IndexOf(',');
        if (comma <= 0 || comma == ctx.Value.Length - 1)
        {
            return ctx.Error($"'{ctx.Value}' is not 'type,value'");
        }

        string type = ctx.Value[..comma].Trim();
        string value = ctx.Value[(comma + 1)..].Trim();
        return type.Length == 0 || value.Length == 0
            ? ctx.Error($"'{ctx.Value}' is not 'type,value'")
            : new ReferenceOption(type, value, ctx.Option.Location);
    }
}
