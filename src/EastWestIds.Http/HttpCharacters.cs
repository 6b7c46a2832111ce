using System.Buffers;

namespace EastWestIds.Http;

/// <summary>
/// ASCII bytes and character classes of RFC 9110 / RFC 9112, as constants and <see cref="SearchValues{T}"/>
/// so delimiter and class scans are vectorized and allocation-free.
/// </summary>
internal static class HttpCharacters
{
    public const byte ByteCR = (byte)'\r';
    public const byte ByteLF = (byte)'\n';
    public const byte ByteSpace = (byte)' ';
    public const byte ByteTab = (byte)'\t';
    public const byte ByteColon = (byte)':';
    public const byte ByteSemicolon = (byte)';';
    public const byte ByteEquals = (byte)'=';
    public const byte ByteComma = (byte)',';
    public const byte ByteQuote = (byte)'"';
    public const byte ByteBackslash = (byte)'\\';
    public const byte ByteSlash = (byte)'/';
    public const byte ByteAsterisk = (byte)'*';
    public const byte ByteDelete = 0x7F;

    /// <summary>tchar (RFC 9110 §5.6.2): the bytes of a token (method, field name, chunk-ext name).</summary>
    public static readonly SearchValues<byte> Token =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    /// <summary>VCHAR (0x21–0x7E): the only bytes allowed in a request-target (RFC 9112 §3.2).</summary>
    public static readonly SearchValues<byte> VisibleAscii = SearchValues.Create(Range(0x21, 0x7E));

    /// <summary>
    /// Bytes a field value must not contain (RFC 9110 §5.5): CTLs except HTAB, and DEL. CR and LF are
    /// included, so a lone CR inside a line is caught here. obs-text (0x80–0xFF) is allowed.
    /// </summary>
    public static readonly SearchValues<byte> FieldValueForbidden = SearchValues.Create(FieldValueForbiddenBytes());

    /// <summary>HEXDIG (RFC 5234), upper and lower case, for chunk sizes.</summary>
    public static readonly SearchValues<byte> HexDigits = SearchValues.Create("0123456789ABCDEFabcdef"u8);

    /// <summary>
    /// Bytes allowed in a Host value (RFC 9110 §7.2 and RFC 3986 §3.2.2: reg-name, IP-literal, port):
    /// unreserved, pct-encoded, sub-delims, ':' and the IP-literal brackets.
    /// </summary>
    public static readonly SearchValues<byte> HostCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~%!$&'()*+,;=:[]"u8);

    /// <summary>
    /// Bytes that may not appear unescaped inside a quoted-string (RFC 9110 §5.6.4): CTLs except HTAB, DEL,
    /// DQUOTE (ends it) and backslash (starts a quoted-pair).
    /// </summary>
    public static readonly SearchValues<byte> QuotedTextStop = SearchValues.Create(QuotedTextStopBytes());

    /// <summary>Scheme characters after the first letter (RFC 3986 §3.1).</summary>
    public static readonly SearchValues<byte> SchemeCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-."u8);

    /// <summary>True for SP and HTAB, the OWS bytes (RFC 9110 §5.6.3).</summary>
    public static bool IsWhitespace(byte b) => b == ByteSpace || b == ByteTab;

    /// <summary>Removes leading and trailing OWS. Scalar: values usually carry one leading space, not runs.</summary>
    public static ReadOnlySpan<byte> TrimWhitespace(ReadOnlySpan<byte> value)
    {
        int start = 0;
        while ((uint)start < (uint)value.Length && IsWhitespace(value[start]))
        {
            start++;
        }

        int end = value.Length - 1;
        while (end >= start && IsWhitespace(value[end]))
        {
            end--;
        }

        return value[start..(end + 1)];
    }

    /// <summary>The value of one hex digit already known to be in <see cref="HexDigits"/>.</summary>
    public static int HexValue(byte b) => b <= (byte)'9' ? b - '0' : (b | 0x20) - 'a' + 10;

    private static byte[] Range(int first, int last)
    {
        var bytes = new byte[last - first + 1];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(first + i);
        }

        return bytes;
    }

    private static byte[] FieldValueForbiddenBytes()
    {
        var bytes = new List<byte>(33);
        for (int b = 0; b < 0x20; b++)
        {
            if (b != ByteTab)
            {
                bytes.Add((byte)b);
            }
        }

        bytes.Add(ByteDelete);
        return bytes.ToArray();
    }

    private static byte[] QuotedTextStopBytes()
    {
        var bytes = new List<byte>(FieldValueForbiddenBytes()) { ByteQuote, ByteBackslash };
        return bytes.ToArray();
    }
}
