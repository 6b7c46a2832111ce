using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// <c>isdataat:[!]N[,relative];</c> — there is (or, negated, is not) a byte at position N of the current buffer,
/// or N bytes after the previous match with <c>relative</c> (which then needs a content or pcre before it in the buffer).
/// <c>rawbytes</c> is accepted and ignored (there are no raw bytes apart from the buffer here).
/// </summary>
/// <param name="Position">N.</param>
/// <param name="Negated">True for <c>!N</c>.</param>
/// <param name="Relative">True with <c>,relative</c>.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record IsDataAtOption(int Position, bool Negated, bool Relative, SourceLocation Location) : SignatureOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "isdataat";

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.Inspection, KeywordValue.Required, Create);

    private static SignatureOption? Create(KeywordContext ctx)
    {
        string[] parts = KeywordArguments.SplitList(ctx.Value);
        string position = parts[0];
        bool negated = position.StartsWith('!');
        if (negated)
        {
            position = position[1..].TrimStart();
        }

        if (!KeywordArguments.TryParseInt(position, 0, 65535, out int value))
        {
            return ctx.Error($"'{parts[0]}' is not a position (an integer from 0 to 65535)");
        }

        bool relative = false;
        foreach (string part in parts.AsSpan(1))
        {
            switch (part)
            {
                case "relative" when !relative: relative = true; break;
                case "rawbytes": break;
                default: return ctx.Error($"unknown or repeated isdataat option '{part}' (supported: relative, rawbytes)");
            }
        }

        return new IsDataAtOption(value, negated, relative, ctx.Option.Location);
    }
}
