using EastWestIds.Engine.Signatures;

namespace EastWestIds.Host.Proxy;

/// <summary>
/// Part of <c>/readyz</c> for <c>ewids proxy --mode enforce</c>: not ready until the rule set's warm-up has built every
/// pattern once after start.
/// </summary>
/// <remarks>
/// Why: until then a verdict may have to build the regexes it needs (5–200 ms each for the larger ones), and a request
/// waits for its verdict at most <c>--inspect-timeout</c> (100 ms by default); past it the request is forwarded
/// uninspected or refused, per <c>--on-engine-failure</c>. Kubernetes sends no traffic to a pod that is not ready, so
/// the first requests after a start meet built rules (Envoy keeps a listener out of service while it warms the same
/// way). Only the first warm-up counts: once warm, the gate stays open, so that a reload, whose new set warms up in the
/// background, never takes every replica out of its Service at once. Monitor mode does not wait (its requests never
/// wait for a verdict), nor does <c>--rules-warm-up false</c> (patterns are then built on first use by design).
/// </remarks>
internal sealed class RulesWarmGate(SignatureSetHolder rules, bool waits)
{
    private volatile bool _warm = !waits;

    /// <summary>True once every pattern of the set in force has been built (or when this gate does not wait).</summary>
    public bool IsWarm => _warm || (_warm = rules.Current.UnbuiltPatternCount == 0);
}
