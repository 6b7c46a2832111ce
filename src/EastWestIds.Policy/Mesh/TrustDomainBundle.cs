using System.Collections.Immutable;

namespace EastWestIds.Policy.Mesh;

/// <summary>
/// The local trust domain and its aliases, and how policy values are rewritten for them — Istio's
/// <c>pilot/pkg/security/trustdomain/bundle.go</c> (MESH-SEMANTICS §3.8). A principal <c>&lt;td&gt;/ns/x/sa/y</c> whose
/// trust domain is in the bundle (prefix/suffix <c>*</c> aware, either way round) or is <c>cluster.local</c> becomes one
/// principal per bundle member; anything else, including principals of another shape, stays as written.
/// </summary>
public sealed class TrustDomainBundle
{
    private const string ClusterLocal = "cluster.local";

    /// <summary>Creates the bundle <c>[trustDomain] + aliases</c>.</summary>
    public TrustDomainBundle(string trustDomain, IEnumerable<string> aliases)
    {
        ArgumentNullException.ThrowIfNull(trustDomain);
        ArgumentNullException.ThrowIfNull(aliases);
        TrustDomains = [trustDomain, .. aliases];
    }

    /// <summary>The trust domain first, then the aliases.</summary>
    public ImmutableArray<string> TrustDomains { get; }

    /// <summary>Rewrites principals (values of <c>principals</c>, <c>notPrincipals</c>, <c>source.principal</c>).</summary>
    public ImmutableArray<string> ReplaceTrustDomainAliases(IEnumerable<string> principals)
    {
        var result = ImmutableArray.CreateBuilder<string>();
        foreach (var principal in principals)
        {
            var parts = principal.Split('/');

            // "*/ns/x/sa/y" ignores the trust domain; a principal not shaped td/ns/x/sa/y has none to replace
            if (parts.Length != 5 || parts[0] == "*")
            {
                result.Add(principal);
                continue;
            }

            string fromPrincipal = parts[0];
            if (!InBundle(fromPrincipal) && fromPrincipal != ClusterLocal)
            {
                result.Add(principal);
                continue;
            }

            var forAliases = new List<string>();
            foreach (var td in TrustDomains)
            {
                // a "*-td" principal matching this member is kept as written rather than duplicated per member
                string rewritten = SuffixMatch(td, fromPrincipal) ? principal : td + principal[fromPrincipal.Length..];
                if (!forAliases.Contains(rewritten))
                {
                    forAliases.Add(rewritten);
                }
            }

            result.AddRange(forAliases);
        }

        return result.ToImmutable();
    }

    /// <summary>Expands <c>trustDomains</c> / <c>source.trustDomain</c> values equal to a member into all members.</summary>
    public ImmutableArray<string> ExpandTrustDomainAliases(IEnumerable<string> values)
    {
        var result = new List<string>();
        foreach (var value in values)
        {
            if (TrustDomains.Contains(value))
            {
                foreach (var td in TrustDomains)
                {
                    if (!result.Contains(td))
                    {
                        result.Add(td);
                    }
                }
            }
            else if (!result.Contains(value))
            {
                result.Add(value);
            }
        }

        return [.. result];
    }

    private bool InBundle(string trustDomain)
    {
        foreach (var s in TrustDomains)
        {
            if (trustDomain == s || s == "*" || PrefixMatch(trustDomain, s) || PrefixMatch(s, trustDomain)
                || SuffixMatch(trustDomain, s) || SuffixMatch(s, trustDomain))
            {
                return true;
            }
        }

        return false;
    }

    private static bool PrefixMatch(string a, string pattern) =>
        pattern.EndsWith('*') && a.StartsWith(pattern[..^1], StringComparison.Ordinal);

    private static bool SuffixMatch(string a, string pattern) =>
        pattern.StartsWith('*') && a.EndsWith(pattern[1..], StringComparison.Ordinal);
}
