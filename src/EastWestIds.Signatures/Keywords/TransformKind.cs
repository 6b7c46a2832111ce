namespace EastWestIds.Signatures.Keywords;

/// <summary>The transforms a rule can apply to its current sticky buffer, in Suricata's names.</summary>
public enum TransformKind
{
    /// <summary><c>url_decode</c>: percent-decoding and <c>+</c> to space.</summary>
    UrlDecode,

    /// <summary><c>to_lowercase</c></summary>
    ToLowercase,

    /// <summary><c>compress_whitespace</c>: runs of whitespace become one space.</summary>
    CompressWhitespace,

    /// <summary><c>strip_whitespace</c>: all whitespace removed.</summary>
    StripWhitespace,

    /// <summary><c>dotprefix</c>: a <c>.</c> prepended (domain suffix matching).</summary>
    DotPrefix,

    /// <summary><c>from_base64</c>: base64 decoded.</summary>
    FromBase64,

    /// <summary><c>xor:"hexkey"</c>: XOR with a repeating key.</summary>
    Xor,

    /// <summary><c>html_decode</c> (EastWestIds): HTML character references decoded (<c>&amp;lt;</c>, <c>&amp;#x3c;</c>, <c>&amp;#60</c>).</summary>
    HtmlDecode,
}
