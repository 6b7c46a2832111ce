using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// <c>byte_jump:N, offset [,relative] [,multiplier M] [,big|little] [,string, hex|dec|oct] [,align] [,from_beginning|from_end]
/// [,post_offset P] [,bitmask B];</c> — Suricata's jump: read a number as <c>byte_test</c> does (<see cref="ByteTestOption"/>),
/// mask it, multiply it, round it up to a multiple of 4 with <c>align</c>, and move the cursor that far from the end
/// of the bytes read (or from the buffer's start or end), then by <c>post_offset</c>; the relative keywords after it
/// continue from there. A jump outside the buffer is no match. <c>byte_extract</c> variables and <c>dce</c> are not
/// supported.
/// </summary>
/// <param name="Bytes">N.</param>
/// <param name="Offset">Where the number starts (may be negative with <c>relative</c>).</param>
/// <param name="Relative">True with <c>relative</c>.</param>
/// <param name="Multiplier">The multiplier (1 when absent).</param>
/// <param name="LittleEndian">True with <c>little</c>.</param>
/// <param name="Base">0 for a binary number, else the base of the text digits.</param>
/// <param name="Align">True with <c>align</c>.</param>
/// <param name="From">Where the jump is counted from.</param>
/// <param name="PostOffset">Added after the jump (may be negative).</param>
/// <param name="Bitmask">The mask applied before multiplying; 0 for none.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record ByteJumpOption(int Bytes, int Offset, bool Relative, int Multiplier, bool LittleEndian, int Base, bool Align,
    ByteJumpFrom From, int PostOffset, ulong Bitmask, SourceLocation Location) : SignatureOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "byte_jump";

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.Inspection, KeywordValue.Required, Create);

    private static SignatureOption? Create(KeywordContext ctx)
    {
        string[] parts = KeywordArguments.SplitList(ctx.Value);
        if (parts.Length < 2)
        {
            return ctx.Error("expected 'bytes, offset' and options");
        }

        if (!KeywordArguments.TryParseInt(parts[0], 1, ByteTestOption.MaxStringBytes, out int bytes))
        {
            return ctx.Error($"'{parts[0]}' is not a byte count (1 to {ByteTestOption.MaxStringBytes}; byte_extract variables are not supported)");
        }

        if (!KeywordArguments.TryParseInt(parts[1], -65535, 65535, out int offset))
        {
            return ctx.Error($"'{parts[1]}' is not an offset (byte_extract variables are not supported)");
        }

        bool relative = false, little = false, big = false, align = false;
        int numberBase = 0, multiplier = 0, postOffset = 0;
        bool hasPostOffset = false;
        ByteJumpFrom from = ByteJumpFrom.AfterNumber;
        ulong bitmask = 0;
        for (int i = 2; i < parts.Length; i++)
        {
            string part = parts[i].ToLowerInvariant();
            string[] words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (words)
            {
                case ["relative"] when !relative: relative = true; break;
                case ["big"] when !big && !little: big = true; break;
                case ["little"] when !big && !little: little = true; break;
                case ["align"] when !align: align = true; break;
                case ["from_beginning"] when from == ByteJumpFrom.AfterNumber: from = ByteJumpFrom.BufferStart; break;
                case ["from_end"] when from == ByteJumpFrom.AfterNumber: from = ByteJumpFrom.BufferEnd; break;
                case ["string"] when numberBase == 0 && i + 1 < parts.Length:
                    numberBase = ByteNumberArguments.Base(parts[++i]);
                    if (numberBase < 0)
                    {
                        return ctx.Error($"'{parts[i]}' is not a number type (hex, dec or oct)");
                    }

                    break;
                case ["multiplier", var m] when multiplier == 0 && KeywordArguments.TryParseInt(m, 1, 65535, out int mult):
                    multiplier = mult;
                    break;
                case ["post_offset", var p] when !hasPostOffset && KeywordArguments.TryParseInt(p, -65535, 65535, out int post):
                    postOffset = post;
                    hasPostOffset = true;
                    break;
                case ["bitmask", var b] when bitmask == 0 && KeywordArguments.TryParseUnsigned(b, out ulong mask) && mask != 0:
                    bitmask = mask;
                    break;
                case ["dce"]:
                    return ctx.Error("'dce' applies to DCERPC, not HTTP");
                default:
                    return ctx.Error($"unknown, repeated or malformed option '{parts[i]}' (supported: relative, multiplier N, big, little, " +
                        "string hex|dec|oct, align, from_beginning, from_end, post_offset N, bitmask N)");
            }
        }

        if (ByteNumberArguments.Problem(bytes, numberBase, little, offset, relative) is { } problem)
        {
            return ctx.Error(problem);
        }

        return new ByteJumpOption(bytes, offset, relative, multiplier == 0 ? 1 : multiplier, little, numberBase, align, from, postOffset, bitmask, ctx.Option.Location);
    }
}

/// <summary>Where a <see cref="ByteJumpOption"/> jump is counted from.</summary>
public enum ByteJumpFrom
{
    /// <summary>The end of the bytes the number was read from (the default).</summary>
    AfterNumber,

    /// <summary><c>from_beginning</c>: the start of the buffer.</summary>
    BufferStart,

    /// <summary><c>from_end</c>: the end of the buffer.</summary>
    BufferEnd,
}
