namespace EastWestIds.Host.Proxy;

/// <summary>What became of one request at the proxy. A closed set: the <c>outcome</c> label of the inline request counter.</summary>
internal enum ProxyOutcome : byte
{
    /// <summary>Nothing to block: forwarded.</summary>
    Forwarded,

    /// <summary>Enforce mode: answered 403, never forwarded.</summary>
    Blocked,

    /// <summary>Monitor mode: forwarded, though enforce mode would have blocked it.</summary>
    WouldBlock,

    /// <summary>Inspection failed and the request was forwarded uninspected (fail-open, or monitor mode).</summary>
    FailedOpen,

    /// <summary>Inspection failed and the request was answered 503 (fail-closed).</summary>
    FailedClosed,
}
