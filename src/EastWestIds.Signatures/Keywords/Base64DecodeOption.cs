using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// <c>base64_decode[:bytes N][, offset M][, relative];</c> — Suricata's: decode base64 from the current buffer, from
/// its start or, with <c>relative</c>, from the end of the previous match, skipping <c>offset</c> bytes and reading at
/// most <c>bytes</c> (64 KiB at most), as RFC 4648 says (decoding stops at the first byte outside the alphabet). The
/// keywords after the <c>base64_data;</c> that must follow it inspect what was decoded. (For a whole buffer, the
/// <c>from_base64</c> transform does the same and can preselect the rule; Suricata recommends it too.)
/// </summary>
/// <param name="Bytes">The most bytes decoded from.</param>
/// <param name="Offset">Bytes skipped before decoding.</param>
/// <param name="Relative">True with <c>relative</c>.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record Base64DecodeOption(int Bytes, int Offset, bool Relative, SourceLocation Location) : SignatureOption(Name, Location)
{
    /// <summary>The keyword name.</summary>
    public const string Name = "base64_decode";

    /// <summary>The most bytes decoded from (Suricata's limit).</summary>
    public const int MaxBytes = 64 * 1024;

    internal static KeywordDefinition Definition { get; } = new(Name, KeywordKind.Inspection, KeywordValue.Optional, Create);

    private static SignatureOption? Create(KeywordContext ctx)
    {
        int bytes = MaxBytes, offset = 0;
        bool relative = false, hasBytes = false, hasOffset = false;
        if (ctx.Option.Value is not null)
        {
            foreach (string part in KeywordArguments.SplitList(ctx.Value))
            {
                string[] words = part.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                switch (words)
                {
                    case ["bytes", var b] when !hasBytes && KeywordArguments.TryParseInt(b, 1, MaxBytes, out bytes):
                        hasBytes = true;
                        break;
                    case ["offset", var o] when !hasOffset && KeywordArguments.TryParseInt(o, 0, 65535, out offset):
                        hasOffset = true;
                        break;
                    case ["relative"] when !relative:
                        relative = true;
                        break;
                    default:
                        return ctx.Error($"unknown, repeated or malformed option '{part}' (supported: bytes 1-{MaxBytes}, offset N, relative)");
                }
            }
        }

        return new Base64DecodeOption(bytes, offset, relative, ctx.Option.Location);
    }
}
