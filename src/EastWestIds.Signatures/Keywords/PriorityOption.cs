using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary><c>priority:N;</c> — 1 (most severe) to 255; overrides the class type's priority.</summary>
/// <param name="Priority">The priority.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record PriorityOption(int Priority, SourceLocation Location) : SignatureOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "priority";

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.RuleMetadata, KeywordValue.Required, Create);

    private static SignatureOption? Create(KeywordContext ctx) =>
        KeywordArguments.TryParseInt(ctx.Value, 1, 255, out int priority)
            ? new PriorityOption(priority, ctx.Option.Location)
            : ctx.Error($"'{ctx.Value}' is not a priority (an integer from 1 to 255)");
}
