namespace EastWestIds.Identity.Spiffe;

/// <summary>Why a string is not a SPIFFE ID (MESH-SEMANTICS §2.6). A closed set: used as a metric label and finding detail.</summary>
public enum SpiffeIdError : byte
{
    None = 0,
    Empty,
    WrongScheme,
    MissingTrustDomain,
    BadTrustDomainChar,
    TrustDomainTooLong,
    HasPort,
    HasUserInfo,
    HasQueryOrFragment,
    PercentEncoded,
    EmptySegment,
    DotSegment,
    TrailingSlash,
    BadPathChar,
    TooLong,
}
