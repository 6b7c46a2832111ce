namespace EastWestIds.Policy.Evaluation;

/// <summary>
/// The result of Envoy's RBAC shadow engine for one action (MESH-SEMANTICS §3.9): dry-run ALLOW and DENY policies
/// are evaluated separately, each on its own, and only reported (<c>istio_dry_run_*</c>).
/// </summary>
public enum ShadowResult
{
    /// <summary>No dry-run policy of that action applies.</summary>
    NotApplicable,

    /// <summary>The shadow engine allows (ALLOW: a rule matched; DENY: no rule matched).</summary>
    Allowed,

    /// <summary>The shadow engine denies (ALLOW: no rule matched; DENY: a rule matched).</summary>
    Denied,
}
