namespace EastWestIds.Host.Proxy;

/// <summary>What the proxy does with its verdicts. A closed set: the <c>mode</c> label of the inline metrics.</summary>
internal enum ProxyMode : byte
{
    /// <summary>Forward everything at once; inspect a copy alongside and alert (counted as would-block).</summary>
    Monitor,

    /// <summary>Inspect the head and the first body bytes before anything is forwarded; answer 403 to what is blocked.</summary>
    Enforce,
}
