using EastWestIds.Core;
using EastWestIds.Core.Findings;

namespace EastWestIds.Host.Proxy;

/// <summary>
/// Which findings block a request in enforce mode (and count as would-block in monitor mode): any finding at or
/// above <see cref="Severity"/> (Suricata numbering, 1 most severe), any finding of a family in
/// <see cref="Families"/> whatever its severity, and the findings named in <see cref="Sids"/>. Policy is such a family
/// by default: an AuthorizationPolicy <c>denied</c> verdict is a decision the mesh itself would enforce, not a score
/// to weigh. A sid names one finding an operator wants to block whatever its severity, such as 9100054 (a body longer
/// than the inspected prefix: refusing what cannot be inspected whole, as ModSecurity's
/// <c>SecRequestBodyLimitAction Reject</c> does).
/// </summary>
internal sealed record BlockRule(Severity Severity, IReadOnlySet<FindingFamily> Families, IReadOnlySet<int>? Sids = null)
{
    public static BlockRule Default { get; } = new(Severity.High, new HashSet<FindingFamily> { FindingFamily.Policy });

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
