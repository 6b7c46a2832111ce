using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// <c>urilen:&gt;N[,norm|raw];</c> — the length of the request target, normalized (default, <c>http.uri</c>) or raw
/// (<c>http.uri.raw</c>); independent of the sticky buffer.
/// </summary>
/// <param name="Size">The size test.</param>
/// <param name="Raw">True for <c>,raw</c>.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record UrilenOption(SizeComparison Size, bool Raw, SourceLocation Location) : SignatureOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "urilen";

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.Inspection, KeywordValue.Required, Create);

    private static SignatureOption? Create(KeywordContext ctx)
    {
        string[] parts = KeywordArguments.SplitList(ctx.Value);
        bool raw = false;
        if (parts.Length > 2 || (parts.Length == 2 && parts[1] is not "norm" and not "raw"))
        {
            return ctx.Error($"'{ctx.Value}' is not 'SIZE[,norm|raw]'");
        }

        if (parts.Length == 2)
        {
            raw = parts[1] == "raw";
        }

        return SizeComparison.TryParse(parts[0], out SizeComparison size, out string? error)
            ? new UrilenOption(size, raw, ctx.Option.Location)
            : ctx.Error(error!);
    }
}
