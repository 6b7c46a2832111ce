using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Evaluation;

/// <summary>The judgement of one request for one destination workload. A value: producing it allocates nothing.</summary>
public readonly record struct AuthzVerdict
{
    /// <summary>The verdict.</summary>
    public VerdictKind Kind { get; init; }

    /// <summary>Why.</summary>
    public VerdictReason Reason { get; init; }

    /// <summary>
    /// The deciding policy and rule: the ALLOW/DENY/CUSTOM rule that matched, the first ALLOW policy when none
    /// matched, or for <see cref="VerdictKind.WouldDeny"/> the dry-run/file-only policy that would deny.
    /// </summary>
    public PolicyRuleRef Rule { get; init; }

    /// <summary>For <see cref="VerdictKind.ExtAuthz"/>: what the DENY/ALLOW policies decide if the external authorizer allows.</summary>
    public VerdictKind IfExtAuthzAllows { get; init; }

    /// <summary>The enforced AUDIT rule that matched (never changes the decision), or empty.</summary>
    public PolicyRuleRef Audit { get; init; }

    /// <summary>Envoy's shadow engine over dry-run and file-only DENY policies.</summary>
    public ShadowResult DryRunDeny { get; init; }

    /// <summary>Envoy's shadow engine over dry-run and file-only ALLOW policies.</summary>
    public ShadowResult DryRunAllow { get; init; }

    /// <summary>Attributes consulted that the request could not provide; the verdict is uncertain when not None.</summary>
    public AuthzUnknowns Unknowns { get; init; }

    /// <summary>True when the enforcing mesh lets the request through (everything but Denied; ext-authz may still deny).</summary>
    public bool MeshAllows => Kind is VerdictKind.Allowed or VerdictKind.Unprotected or VerdictKind.WouldDeny
        || (Kind == VerdictKind.ExtAuthz && IfExtAuthzAllows != VerdictKind.Denied);

    /// <summary>How bad the verdict is, for choosing among workloads: Denied &gt; WouldDeny &gt; ExtAuthz &gt; Allowed &gt; Unprotected.</summary>
    public int Severity => Kind switch
    {
        VerdictKind.Denied => 4,
        VerdictKind.WouldDeny => 3,
        VerdictKind.ExtAuthz => 2,
        VerdictKind.Allowed => 1,
        _ => 0,
    };

    /// <inheritdoc />
    public override string ToString() => Rule.IsEmpty ? $"{Kind} ({Reason})" : $"{Kind} ({Reason}: {Rule})";
}
