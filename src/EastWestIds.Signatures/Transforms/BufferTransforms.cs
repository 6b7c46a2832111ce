using EastWestIds.Signatures.Decoding;
using EastWestIds.Signatures.Keywords;

namespace EastWestIds.Signatures.Transforms;

/// <summary>
/// Applies one rule transform to a buffer value, allocation-free. Contract: an <c>output</c> of
/// <c>input.Length + 1</c> bytes is always enough (only <c>dotprefix</c> grows its input, by one byte); input and
/// output must not overlap. Semantics follow Suricata's transforms:
/// <list type="bullet">
/// <item><c>url_decode</c>: one pass of <c>%XX</c> and <c>+</c> to space (Suricata's; the buffers themselves already decode
/// until stable, so this is for raw buffers); invalid escapes stay literal. <c>%u</c> is decoded too.</item>
/// <item><c>to_lowercase</c>: ASCII letters only.</item>
/// <item><c>compress_whitespace</c>: each run of space, tab, LF, VT, FF, CR becomes one space.</item>
/// <item><c>strip_whitespace</c>: those bytes removed.</item>
/// <item><c>dotprefix</c>: a <c>.</c> in front (so <c>content:".example.com"; endswith;</c> matches the domain and its
/// subdomains but not <c>badexample.com</c>).</item>
/// <item><c>from_base64</c>: see <see cref="Base64Decoder"/>.</item>
/// <item><c>xor</c>: each byte XORed with the key, repeating.</item>
/// <item><c>html_decode</c> (EastWestIds): see <see cref="HtmlEntityDecoder"/>.</item>
/// </list>
/// </summary>
public static class BufferTransforms
{
    /// <summary>What <see cref="Apply"/> returns, having written nothing, when the transform leaves the input as it is.</summary>
    public const int Unchanged = -1;

    private static readonly System.Buffers.SearchValues<byte> s_spaces = System.Buffers.SearchValues.Create(" \t\n\v\f\r"u8);

    /// <summary>
    /// Transforms <paramref name="input"/> into <paramref name="output"/>; returns bytes written, or
    /// <see cref="Unchanged"/> without writing when the output would be the input itself (a benign value mostly is:
    /// <c>url_decode</c> of a value without <c>%</c> or <c>+</c>), which spares the caller a copy and a comparison.
    /// </summary>
    public static int Apply(TransformOption transform, ReadOnlySpan<byte> input, Span<byte> output)
    {
        ArgumentNullException.ThrowIfNull(transform);
        if (output.Length < input.Length + 1)
        {
            throw new ArgumentException("output must be at least input.Length + 1 bytes", nameof(output));
        }

        return LeavesUnchanged(transform.Kind, input) ? Unchanged : Write(transform, input, output);
    }

    /// <summary>
    /// True when <paramref name="kind"/> would write <paramref name="input"/> as it is: it has none of the bytes the
    /// transform rewrites. (Whitespace compression can also leave a value with single spaces unchanged; that case is
    /// not looked for.)
    /// </summary>
    internal static bool LeavesUnchanged(TransformKind kind, ReadOnlySpan<byte> input) => kind switch
    {
        TransformKind.UrlDecode => !PercentDecoder.NeedsDecoding(input, plusAsSpace: true),
        TransformKind.ToLowercase => !input.ContainsAnyInRange((byte)'A', (byte)'Z'),
        TransformKind.CompressWhitespace or TransformKind.StripWhitespace => !input.ContainsAny(s_spaces),
        TransformKind.HtmlDecode => !input.Contains((byte)'&'),
        _ => false,
    };

    /// <summary>The transform's output, always written (<see cref="Apply"/> without the unchanged answer; tests).</summary>
    internal static int Write(TransformOption transform, ReadOnlySpan<byte> input, Span<byte> output)
    {
        switch (transform.Kind)
        {
            case TransformKind.UrlDecode:
                DecodingAnomalies ignored = DecodingAnomalies.None;
                return PercentDecoder.Decode(input, output, plusAsSpace: true, ref ignored);
            case TransformKind.ToLowercase:
                return ToLowercase(input, output);
            case TransformKind.CompressWhitespace:
                return CompressWhitespace(input, output);
            case TransformKind.StripWhitespace:
                return StripWhitespace(input, output);
            case TransformKind.DotPrefix:
                output[0] = (byte)'.';
                input.CopyTo(output[1..]);
                return input.Length + 1;
            case TransformKind.FromBase64:
                return Base64Decoder.Decode(input, output);
            case TransformKind.Xor:
                return Xor(input, transform.XorKey!, output);
            case TransformKind.HtmlDecode:
                return HtmlEntityDecoder.Decode(input, output);
            default:
                throw new ArgumentOutOfRangeException(nameof(transform), transform.Kind, "unknown transform");
        }
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or 0x0B or 0x0C or (byte)'\r';

    private static int ToLowercase(ReadOnlySpan<byte> input, Span<byte> output)
    {
        for (int i = 0; i < input.Length; i++)
        {
            byte b = input[i];
            output[i] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
        }

        return input.Length;
    }

    private static int CompressWhitespace(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int w = 0;
        for (int i = 0; i < input.Length; i++)
        {
            if (!IsSpace(input[i]))
            {
                output[w++] = input[i];
            }
            else if (w == 0 || output[w - 1] != (byte)' ' || !IsSpace(input[i - 1]))
            {
                output[w++] = (byte)' ';
            }
        }

        return w;
    }

    private static int StripWhitespace(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int w = 0;
        foreach (byte b in input)
        {
            if (!IsSpace(b))
            {
                output[w++] = b;
            }
        }

        return w;
    }

    private static int Xor(ReadOnlySpan<byte> input, ReadOnlySpan<byte> key, Span<byte> output)
    {
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = (byte)(input[i] ^ key[i % key.Length]);
        }

        return input.Length;
    }
}
