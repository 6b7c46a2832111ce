using EastWestIds.Core;
using EastWestIds.Core.Findings;

namespace EastWestIds.Host.Proxy;

/// <summary>
/// Which findings block a request in enforce mode (and count as would-block in monitor mode): any finding at or
/// above <see cref="Severity"/> (Suricata numbering, 1 most severe), and any finding of a family in
/// <see cref="Families"/> whatever its severity. Policy is such a family by default: an AuthorizationPolicy
/// <c>denied</c> verdict is a decision the mesh itself would enforce, not a score to weigh.
/// </summary>
internal sealed record BlockRule(Severity Severity, IReadOnlySet<FindingFamily> Families)
{
    public static BlockRule Default { get; } = new(Severity.High, new HashSet<FindingFamily> { FindingFamily.Policy });

    public bool Blocks(SignatureInfo signature) => signature.Severity <= Severity || Families.Contains(signature.Family);

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
