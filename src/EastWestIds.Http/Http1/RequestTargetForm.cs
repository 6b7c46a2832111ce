namespace EastWestIds.Http.Http1;

/// <summary>The four request-target forms of RFC 9112 §3.2.</summary>
public enum RequestTargetForm : byte
{
    /// <summary><c>/path?query</c></summary>
    Origin,

    /// <summary><c>http://host:port/path?query</c>; the Host header is ignored in favour of the target's authority (RFC 9112 §3.2.2).</summary>
    Absolute,

    /// <summary><c>host:port</c>, only with CONNECT.</summary>
    Authority,

    /// <summary><c>*</c>, only with OPTIONS.</summary>
    Asterisk,
}
