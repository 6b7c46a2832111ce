namespace EastWestIds.Signatures.Decoding;

/// <summary>
/// Encoding tricks and malformed input seen while decoding a request's buffers. Each is a detection signal on its
/// own (a benign client never sends <c>%c0%ae</c>), so the engine can raise them as findings; decoding carries on
/// regardless and keeps the bytes it could not decode literally, so a rule still sees them.
/// </summary>
[Flags]
public enum DecodingAnomalies
{
    /// <summary>Nothing unusual.</summary>
    None = 0,

    /// <summary>A <c>%</c> not followed by two hex digits (kept literally).</summary>
    InvalidPercentEncoding = 1 << 0,

    /// <summary>IIS <c>%uXXXX</c> encoding (decoded).</summary>
    PercentUEncoding = 1 << 1,

    /// <summary>A second percent-decoding pass still found escapes (<c>%252e</c>); decoded until stable.</summary>
    DoubleEncoding = 1 << 2,

    /// <summary>An overlong UTF-8 form (<c>%c0%ae</c>) decoded to the character it denotes.</summary>
    OverlongUtf8 = 1 << 3,

    /// <summary>A NUL byte in a decoded URI, argument, header or file name.</summary>
    NullByte = 1 << 4,

    /// <summary>The decompressed body exceeded its budget or its compression ratio limit; it was cut at the budget.</summary>
    DecompressionBomb = 1 << 5,

    /// <summary>The body's content coding was corrupt; what decoded before the error is kept.</summary>
    DecompressionFailed = 1 << 6,

    /// <summary>A content coding other than gzip, deflate, br and identity, or more layers than supported.</summary>
    UnsupportedContentEncoding = 1 << 7,

    /// <summary>A multipart body without boundary, without final boundary, or with more parts than allowed.</summary>
    MalformedMultipart = 1 << 8,

    /// <summary>A JSON body that is not well-formed (bad escape, stray character, unterminated string).</summary>
    MalformedJson = 1 << 9,

    /// <summary>More arguments than the argument budget; the rest are not in <c>http.arg</c>.</summary>
    TooManyArgs = 1 << 10,

    /// <summary>The inspected body is a prefix of a longer body.</summary>
    BodyTruncated = 1 << 11,

    /// <summary>The per-request decoded-bytes budget ran out; later buffers or values are cut or missing.</summary>
    DecodeBudgetExceeded = 1 << 12,

    /// <summary>A JSON <c>\u</c> escape or HTML entity naming a lone surrogate or an invalid code point.</summary>
    InvalidCodePoint = 1 << 13,

    /// <summary>
    /// The body is text in UTF-16, UTF-32 or an EBCDIC code page (by its byte order mark, its NUL pattern, an EBCDIC XML
    /// declaration or the <c>charset</c> it declares): inspected both as sent and transcoded to UTF-8.
    /// </summary>
    TranscodedCharset = 1 << 14,

    /// <summary>
    /// A body whose media type carries arguments or text (none, a form, multipart, JSON, XML, <c>text/*</c>) was longer
    /// than the inspected head and tail: the bytes between them were not inspected. Padding a body past an inspection
    /// limit is how payloads are slipped past WAFs; a payload in the tail is still found, one in the middle is not.
    /// </summary>
    BodyMiddleUninspected = 1 << 15,
}
