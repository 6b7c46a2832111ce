namespace EastWestIds.Policy.Evaluation;

/// <summary>Why a verdict was reached.</summary>
public enum VerdictReason
{
    /// <summary>No enforced ALLOW, DENY or CUSTOM policy applies to the workload.</summary>
    NoPolicy,

    /// <summary>An ALLOW rule matched (<see cref="AuthzVerdict.Rule"/>).</summary>
    AllowRuleMatched,

    /// <summary>Policies apply but none is ALLOW, and no DENY rule matched.</summary>
    NoAllowPolicy,

    /// <summary>A DENY rule matched (<see cref="AuthzVerdict.Rule"/>).</summary>
    DenyRuleMatched,

    /// <summary>ALLOW policies apply and none of their rules matched (<see cref="AuthzVerdict.Rule"/> names the first such policy).</summary>
    NoAllowRuleMatched,

    /// <summary>A CUSTOM rule matched (<see cref="AuthzVerdict.Rule"/>).</summary>
    CustomRuleMatched,
}
