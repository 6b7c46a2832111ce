namespace EastWestIds.Signatures.Decoding;

/// <summary>A content coding of a request body (RFC 9110 §8.4.1).</summary>
public enum ContentCoding : byte
{
    /// <summary><c>identity</c> or none.</summary>
    Identity,

    /// <summary><c>gzip</c> / <c>x-gzip</c>.</summary>
    Gzip,

    /// <summary><c>deflate</c>: zlib per the RFC, raw deflate as many clients send it; told apart by the zlib header.</summary>
    Deflate,

    /// <summary><c>br</c>.</summary>
    Brotli,

    /// <summary>Anything else (<c>compress</c>, <c>zstd</c>, garbage): the body is inspected as sent.</summary>
    Unsupported,
}
