using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// <c>base64_data;</c> — directly after <see cref="Base64DecodeOption"/>: the keywords after it, up to the next sticky
/// buffer, inspect the decoded bytes (a buffer of their own: positions and relative matches count from its start).
/// </summary>
/// <param name="Location">Where the keyword was written.</param>
public sealed record Base64DataOption(SourceLocation Location) : SignatureOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "base64_data";

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.Inspection, KeywordValue.None, ctx => new Base64DataOption(ctx.Option.Location));
}
