using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// A transform keyword (<c>url_decode;</c>, <c>xor:"0d0ac8ff";</c>, …). Transforms apply, in order, to the sticky
/// buffer they directly follow; one after an inspection keyword is an error (Suricata's rule too). Only <c>xor</c>
/// takes a value: a quoted, even-length hex key. <c>from_base64</c> is accepted bare (Suricata's defaults:
/// RFC 4648, whole buffer); its <c>bytes/offset/mode</c> options are not supported yet.
/// </summary>
/// <param name="Kind">The transform.</param>
/// <param name="XorKey">The key for <see cref="TransformKind.Xor"/>, else <see langword="null"/>.</param>
/// <param name="Keyword">The keyword as registered.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record TransformOption(TransformKind Kind, byte[]? XorKey, string Keyword, SourceLocation Location) : SignatureOption(Keyword, Location)
{
    internal static IEnumerable<KeywordDefinition> Definitions()
    {
        yield return Bare("url_decode", TransformKind.UrlDecode);
        yield return Bare("to_lowercase", TransformKind.ToLowercase);
        yield return Bare("compress_whitespace", TransformKind.CompressWhitespace);
        yield return Bare("strip_whitespace", TransformKind.StripWhitespace);
        yield return Bare("dotprefix", TransformKind.DotPrefix);
        yield return Bare("from_base64", TransformKind.FromBase64);
        yield return Bare("html_decode", TransformKind.HtmlDecode);
        yield return new KeywordDefinition("xor", KeywordKind.Transform, KeywordValue.Required, CreateXor);
    }

    private static KeywordDefinition Bare(string name, TransformKind kind) =>
        new(name, KeywordKind.Transform, KeywordValue.None, ctx => new TransformOption(kind, null, name, ctx.Option.Location));

    private static SignatureOption? CreateXor(KeywordContext ctx)
    {
        if (!OptionValue.TryUnquote(ctx.Value, out string key, out string? error))
        {
            return ctx.Error(error!);
        }

        if (key.Length == 0 || key.Length % 2 != 0 || key.Length > 510)
        {
            return ctx.Error($"key '{key}' must be 1 to 255 bytes written as an even number of hex digits");
        }

        try
        {
            return new TransformOption(TransformKind.Xor, Convert.FromHexString(key), "xor", ctx.Option.Location);
        }
        catch (FormatException)
        {
            return ctx.Error($"key '{key}' is not hex");
        }
    }
}
