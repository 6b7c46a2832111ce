using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>How <see cref="ByteTestOption"/> compares the number it read with its value.</summary>
public enum ByteTestOperator
{
    /// <summary><c>&lt;</c></summary>
    Less,

    /// <summary><c>&gt;</c></summary>
    Greater,

    /// <summary><c>=</c></summary>
    Equal,

    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,

    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,

    /// <summary><c>&amp;</c>: some bit in common.</summary>
    And,

    /// <summary><c>^</c>: some bit different.</summary>
    Xor,
}

/// <summary>
/// <c>byte_test:N, [!]op, value, offset [,relative] [,big|little] [,string, hex|dec|oct] [,bitmask M];</c> — Suricata's
/// test of a number read from the current buffer: N bytes at <c>offset</c> (from the buffer start, or from the end of
/// the previous match with <c>relative</c>), read as a big- or little-endian binary number, or with <c>string</c> as
/// text digits in the given base (N up to 20; N = 0 reads to the end of the buffer, as for <c>http.content_len</c>);
/// then masked and compared. Common in Emerging Threats rules on a header value (<c>http.content_len;
/// byte_test:0,&gt;,100000,0,string,dec;</c>) or a number after a parameter name. <c>byte_extract</c> variables and
/// <c>dce</c> are not supported.
/// </summary>
/// <param name="Bytes">N (0: to the end of the buffer, <c>string</c> only).</param>
/// <param name="Negated">True for <c>!op</c>.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The value compared with.</param>
/// <param name="Offset">Where the number starts (may be negative with <c>relative</c>).</param>
/// <param name="Relative">True with <c>relative</c>.</param>
/// <param name="LittleEndian">True with <c>little</c> (binary numbers only).</param>
/// <param name="Base">0 for a binary number, else the base of the text digits (16, 10 or 8).</param>
/// <param name="Bitmask">The mask applied (and shifted down by its trailing zeros) before comparing; 0 for none.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record ByteTestOption(int Bytes, bool Negated, ByteTestOperator Operator, ulong Value, int Offset, bool Relative,
    bool LittleEndian, int Base, ulong Bitmask, SourceLocation Location) : SignatureOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "byte_test";

    /// <summary>Digits read at most with <c>string</c> (a 64-bit number has at most 20 decimal digits).</summary>
    public const int MaxStringBytes = 20;

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.Inspection, KeywordValue.Required, Create);

    private static SignatureOption? Create(KeywordContext ctx)
    {
        string[] parts = KeywordArguments.SplitList(ctx.Value);
        if (parts.Length < 4)
        {
            return ctx.Error("expected 'bytes, operator, value, offset' and options");
        }

        if (!KeywordArguments.TryParseInt(parts[0], 0, MaxStringBytes, out int bytes))
        {
            return ctx.Error($"'{parts[0]}' is not a byte count (0 to {MaxStringBytes})");
        }

        string op = parts[1];
        bool negated = op.StartsWith('!');
        op = negated ? op[1..].Trim() : op;
        ByteTestOperator? comparison = op switch
        {
            "<" => ByteTestOperator.Less,
            ">" => ByteTestOperator.Greater,
            "=" => ByteTestOperator.Equal,
            "" when negated => ByteTestOperator.Equal, // "!" alone is Suricata's "not equal"
            "<=" => ByteTestOperator.LessOrEqual,
            ">=" => ByteTestOperator.GreaterOrEqual,
            "&" => ByteTestOperator.And,
            "^" => ByteTestOperator.Xor,
            _ => null,
        };
        if (comparison is null)
        {
            return ctx.Error($"'{parts[1]}' is not an operator (<, >, =, <=, >=, &, ^, optionally after !)");
        }

        if (!KeywordArguments.TryParseUnsigned(parts[2], out ulong value))
        {
            return ctx.Error($"'{parts[2]}' is not a number (byte_extract variables are not supported)");
        }

        if (!KeywordArguments.TryParseInt(parts[3], -65535, 65535, out int offset))
        {
            return ctx.Error($"'{parts[3]}' is not an offset (byte_extract variables are not supported)");
        }

        bool relative = false, little = false, big = false;
        int numberBase = 0;
        ulong bitmask = 0;
        for (int i = 4; i < parts.Length; i++)
        {
            string part = parts[i].ToLowerInvariant();
            switch (part)
            {
                case "relative" when !relative: relative = true; break;
                case "big" when !big && !little: big = true; break;
                case "little" when !big && !little: little = true; break;
                case "string" when numberBase == 0 && i + 1 < parts.Length:
                    numberBase = ByteNumberArguments.Base(parts[++i]);
                    if (numberBase < 0)
                    {
                        return ctx.Error($"'{parts[i]}' is not a number type (hex, dec or oct)");
                    }

                    break;
                case "dce":
                    return ctx.Error("'dce' applies to DCERPC, not HTTP");
                default:
                    if (part.StartsWith("bitmask ", StringComparison.Ordinal) && bitmask == 0 && KeywordArguments.TryParseUnsigned(part[8..].Trim(), out ulong mask) && mask != 0)
                    {
                        bitmask = mask;
                        break;
                    }

                    return ctx.Error($"unknown or repeated option '{parts[i]}' (supported: relative, big, little, string hex|dec|oct, bitmask N)");
            }
        }

        if (ByteNumberArguments.Problem(bytes, numberBase, little, offset, relative) is { } problem)
        {
            return ctx.Error(problem);
        }

        return new ByteTestOption(bytes, negated, comparison.Value, value, offset, relative, little, numberBase, bitmask, ctx.Option.Location);
    }
}
