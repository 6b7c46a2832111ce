namespace EastWestIds.Identity.Xfcc;

/// <summary>The keys of an XFCC pair (MESH-SEMANTICS §2.1). Matched case-insensitively.</summary>
public enum XfccKey : byte
{
    /// <summary>Not a key (default).</summary>
    None = 0,

    /// <summary><c>By</c>: a URI SAN of the proxy that wrote the element (the receiver); repeatable.</summary>
    By,

    /// <summary><c>Hash</c>: hex SHA-256 of the peer certificate; at most once.</summary>
    Hash,

    /// <summary><c>Cert</c>: URL-encoded PEM of the peer certificate; at most once.</summary>
    Cert,

    /// <summary><c>Chain</c>: URL-encoded PEM chain; at most once.</summary>
    Chain,

    /// <summary><c>Subject</c>: RFC 2253 subject of the peer certificate; at most once.</summary>
    Subject,

    /// <summary><c>URI</c>: a URI SAN of the peer (the caller); repeatable; empty means absent.</summary>
    Uri,

    /// <summary><c>DNS</c>: a DNS SAN of the peer; repeatable.</summary>
    Dns,

    /// <summary>Legacy <c>SAN</c> (Envoy 2017, envoyproxy/envoy#1087): means <see cref="Uri"/>, flagged because no current Envoy emits it.</summary>
    San,
}
