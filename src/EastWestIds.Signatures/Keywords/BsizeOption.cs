using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary><c>bsize:&lt;N;</c> — the size of the current sticky buffer (after transforms); needs a sticky buffer.</summary>
/// <param name="Size">The size test.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record BsizeOption(SizeComparison Size, SourceLocation Location) : SignatureOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "bsize";

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.Inspection, KeywordValue.Required, Create);

    private static SignatureOption? Create(KeywordContext ctx) =>
        SizeComparison.TryParse(ctx.Value, out SizeComparison size, out string? error)
            ? new BsizeOption(size, ctx.Option.Location)
            : ctx.Error(error!);
}
