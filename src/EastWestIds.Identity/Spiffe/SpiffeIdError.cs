namespace EastWestIds.Identity.Spiffe;

/// <summary>
/// Why a string is not a SPIFFE ID (MESH-SEMANTICS §2.6). A closed set: used as a metric label and finding detail.
/// </summary>
/// <remarks>
/// go-spiffe reports every bad trust-domain byte as "bad trust domain char" and every bad path byte as "bad path
/// segment char". We keep the more telling reasons (<see cref="HasPort"/>, <see cref="HasUserInfo"/>,
/// <see cref="HasQueryOrFragment"/>, <see cref="PercentEncoded"/>) because an analyst reads them; which part of the
/// ID they were found in is given by the error offset of
/// <see cref="SpiffeIdParser.TryParse(ReadOnlySpan{byte}, out SpiffeIdParts, out SpiffeIdError, out int)"/>.
/// <see cref="TrustDomainTooLong"/> and <see cref="TooLong"/> are never returned as parse errors: go-spiffe accepts
/// such IDs, so they parse, and <see cref="SpiffeIdParts.LengthAnomaly"/> reports them (vectors spiffe-107/108).
/// </remarks>
public enum SpiffeIdError : byte
{
    /// <summary>Valid.</summary>
    None = 0,

    /// <summary>The input is empty.</summary>
    Empty,

    /// <summary>The input does not start with exactly <c>spiffe://</c> (upper-case schemes are rejected, as in go-spiffe).</summary>
    WrongScheme,

    /// <summary>Nothing between <c>spiffe://</c> and the path.</summary>
    MissingTrustDomain,

    /// <summary>A trust-domain byte outside <c>[a-z0-9._-]</c> (upper case included) that is none of the more specific reasons.</summary>
    BadTrustDomainChar,

    /// <summary>Anomaly only (never a parse error): trust domain longer than 255 bytes.</summary>
    TrustDomainTooLong,

    /// <summary>A <c>:</c> in the trust domain (a port; <c>user:pass@</c> is reported as <see cref="HasUserInfo"/>).</summary>
    HasPort,

    /// <summary>An <c>@</c> in the authority: userinfo.</summary>
    HasUserInfo,

    /// <summary>A <c>?</c> or <c>#</c>: query or fragment.</summary>
    HasQueryOrFragment,

    /// <summary>A <c>%</c>: percent-encoding is not allowed anywhere in a SPIFFE ID.</summary>
    PercentEncoded,

    /// <summary>Two consecutive slashes in the path.</summary>
    EmptySegment,

    /// <summary>A path segment that is exactly <c>.</c> or <c>..</c>.</summary>
    DotSegment,

    /// <summary>The path ends with <c>/</c>.</summary>
    TrailingSlash,

    /// <summary>A path byte outside <c>[a-zA-Z0-9._-]</c> that is none of the more specific reasons.</summary>
    BadPathChar,

    /// <summary>Anomaly only (never a parse error): longer than <see cref="SpiffeIdParser.MaxLength"/> bytes.</summary>
    TooLong,
}
