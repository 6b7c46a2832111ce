namespace EastWestIds.Core.Findings;

/// <summary>The kind of trouble a finding reports. A closed set: it is the <c>category</c> metric label.</summary>
public enum FindingFamily : byte
{
    /// <summary>Malformed or smuggling-shaped HTTP; well-behaved sidecars never send it.</summary>
    Protocol,

    /// <summary>Missing, forged or foreign caller identity.</summary>
    Identity,

    /// <summary>A call that reached the sink without being a mirror (someone called the sink directly).</summary>
    Access,

    /// <summary>An AuthorizationPolicy, allowlist or baseline verdict.</summary>
    Policy,

    /// <summary>An attack payload matched by a signature or detector.</summary>
    Attack,
}
