namespace EastWestIds.Host.Proxy;

/// <summary>
/// What enforce mode does with a request whose inspection failed. Decided once by the operator
/// (<c>--on-engine-failure</c>) because both directions cost something: open lets an attack through while the
/// engine is down, closed turns an engine fault into an outage of the service behind the proxy.
/// </summary>
internal enum EngineFailureMode : byte
{
    /// <summary>Forward the request uninspected (availability first).</summary>
    Open,

    /// <summary>Answer 503 without forwarding (protection first).</summary>
    Closed,
}
