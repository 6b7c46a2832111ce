using System.Text;
using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Compilation.Matchers;

/// <summary>
/// <c>trustDomains</c> / <c>source.trustDomain</c> (Istio ≥ 1.30): an exact trust domain means the principal
/// starts with <c>spiffe://&lt;td&gt;/</c>; <c>*</c> any <c>spiffe://</c> principal; a <c>*</c> inside the value stands
/// for any run of bytes other than <c>/</c> (MESH-SEMANTICS §3.4).
/// </summary>
internal sealed class TrustDomainMatcher : AttributeMatcher
{
    private static readonly byte[] s_scheme = "spiffe://"u8.ToArray();
    private readonly string _value;
    private readonly byte[] _before;
    private readonly byte[]? _after; // null: no wildcard

    public TrustDomainMatcher(string value)
    {
        _value = value;
        int star = value.IndexOf('*');
        if (star < 0)
        {
            _before = Encoding.UTF8.GetBytes(value);
        }
        else
        {
            _before = Encoding.UTF8.GetBytes(value[..star]);
            _after = Encoding.UTF8.GetBytes(value[(star + 1)..]);
        }
    }

    public override bool Matches(scoped in AuthzRequest request, ref AuthzUnknowns unknowns)
    {
        var principal = request.SourcePrincipal;
        if (!principal.StartsWith(s_scheme))
        {
            return false;
        }

        if (_value == "*")
        {
            return true;
        }

        var rest = principal[s_scheme.Length..];
        int slash = rest.IndexOf((byte)'/');
        if (slash < 0)
        {
            return false;
        }

        var trustDomain = rest[..slash];
        if (_after is null)
        {
            return trustDomain.SequenceEqual(_before);
        }

        return trustDomain.Length >= _before.Length + _after.Length
            && trustDomain.StartsWith(_before)
            && trustDomain.EndsWith(_after);
    }

    public override string ToString() => _value;
}
