using EastWestIds.Policy.Evaluation;

namespace EastWestIds.Engine.Authorization;

/// <summary>What the policy stage decided for the current request, for the output (EVE <c>mesh.policy</c>).</summary>
public struct PolicyOutcome
{
    /// <summary>True when a verdict was reached (the destination Service, port and workloads are known).</summary>
    public bool Judged;

    public AuthzVerdict Verdict;

    public void Reset() => this = default;

    /// <summary>The verdict's name as the README and the metric spell it.</summary>
    public static string Label(VerdictKind kind) => kind switch
    {
        VerdictKind.Allowed => "allowed",
        VerdictKind.Denied => "denied",
        VerdictKind.WouldDeny => "would-deny",
        VerdictKind.ExtAuthz => "ext-authz",
        _ => "unprotected",
    };

    /// <summary>The reason's name in EVE output.</summary>
    public static string Label(VerdictReason reason) => reason switch
    {
        VerdictReason.AllowRuleMatched => "allow-rule-matched",
        VerdictReason.NoAllowPolicy => "no-allow-policy",
        VerdictReason.DenyRuleMatched => "deny-rule-matched",
        VerdictReason.NoAllowRuleMatched => "no-allow-rule-matched",
        VerdictReason.CustomRuleMatched => "custom-rule-matched",
        _ => "no-policy",
    };
}
