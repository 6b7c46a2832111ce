using System.Text;

namespace EastWestIds.Signatures.Decoding;

/// <summary>Parses a <c>Content-Encoding</c> value (<c>gzip, br</c>): codings in the order they were applied.</summary>
public static class ContentEncodingHeader
{
    /// <summary>
    /// Appends the codings listed in <paramref name="value"/> to <paramref name="codings"/> starting at
    /// <paramref name="count"/>; <c>identity</c> and empty list elements are skipped. Returns false when there are more
    /// codings than <paramref name="codings"/> holds (the caller flags it and inspects the body as sent).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> value, Span<ContentCoding> codings, ref int count)
    {
        while (!value.IsEmpty)
        {
            int comma = value.IndexOf((byte)',');
            ReadOnlySpan<byte> token = (comma < 0 ? value : value[..comma]).Trim(" \t"u8);
            value = comma < 0 ? default : value[(comma + 1)..];
            if (token.IsEmpty || Ascii.EqualsIgnoreCase(token, "identity"u8))
            {
                continue;
            }

            if (count == codings.Length)
            {
                return false;
            }

            codings[count++] = Classify(token);
        }

        return true;
    }

    private static ContentCoding Classify(ReadOnlySpan<byte> token) =>
        Ascii.EqualsIgnoreCase(token, "gzip"u8) || Ascii.EqualsIgnoreCase(token, "x-gzip"u8) ? ContentCoding.Gzip
        : Ascii.EqualsIgnoreCase(token, "deflate"u8) ? ContentCoding.Deflate
        : Ascii.EqualsIgnoreCase(token, "br"u8) ? ContentCoding.Brotli
        : ContentCoding.Unsupported;
}
