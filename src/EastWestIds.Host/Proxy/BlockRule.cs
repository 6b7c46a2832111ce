using EastWestIds.Core;
using EastWestIds.Core.Findings;

namespace EastWestIds.Host.Proxy;

/// <summary>
/// Which findings block a request in enforce mode (and count as would-block in monitor mode): any finding at or
/// above <see cref="Severity"/> (Suricata numbering, 1 most severe), any finding of a family in
/// <see cref="Families"/> whatever its severity, and the findings named in <see cref="Sids"/>. No family by default:
/// the AuthorizationPolicy verdicts the mesh itself would enforce (<c>denied</c>, and a denied path hidden behind path
/// parameters or doubled or escaped slashes) are high and block at any severity threshold, while the rest of the policy
/// family (a denied path behind letter case, medium; a dry-run policy's <c>would-deny</c> and a new edge of the learned
/// baseline, low) is what an operator weighs or is still trying out; the family <c>policy</c> blocks those too. A sid names one finding an operator wants to block whatever its severity, such as
/// 9100054 (a body longer than the inspected prefix: refusing what cannot be inspected whole, as ModSecurity's
/// <c>SecRequestBodyLimitAction Reject</c> does).
/// </summary>
internal sealed record BlockRule(Severity Severity, IReadOnlySet<FindingFamily> Families, IReadOnlySet<int>? Sids = null)
{
    public static BlockRule Default { get; } = new(Severity.High, new HashSet<FindingFamily>());

    public bool Blocks(SignatureInfo signature)
        => signature.Severity <= Severity || Families.Contains(signature.Family) || (Sids?.Contains(signature.Sid) ?? false);

    /// <summary>True when any of <paramref name="findings"/> blocks.</summary>
    public bool BlocksAny(IReadOnlyList<Finding> findings)
    {
        for (var i = 0; i < findings.Count; i++)
        {
            if (Blocks(findings[i].Signature))
            {
                return true;
            }
        }

        return false;
    }
}
