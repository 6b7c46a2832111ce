using System.Text;
using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Compilation.Matchers;

/// <summary>
/// <c>serviceAccounts</c> / <c>source.serviceAccount</c> (<c>ns/sa</c>, or <c>sa</c> in the policy's namespace):
/// Istio's regex <c>spiffe://.+/ns/&lt;ns&gt;/(.+/|)sa/&lt;sa&gt;(/.+)?</c>, which tolerates extra key/value segments.
/// </summary>
internal sealed class ServiceAccountMatcher : AttributeMatcher
{
    private static readonly byte[] s_scheme = "spiffe://"u8.ToArray();
    private readonly string _value;
    private readonly byte[] _nsPart;   // "/ns/<ns>/"
    private readonly byte[] _saPart;   // "sa/<sa>"

    public ServiceAccountMatcher(string value, string policyNamespace)
    {
        _value = value;
        int slash = value.IndexOf('/');
        string ns = slash < 0 ? policyNamespace : value[..slash];
        string sa = slash < 0 ? value : value[(slash + 1)..];
        _nsPart = Encoding.UTF8.GetBytes($"/ns/{ns}/");
        _saPart = Encoding.UTF8.GetBytes($"sa/{sa}");
    }

    public override bool Matches(scoped in AuthzRequest request, ref AuthzUnknowns unknowns)
    {
        var principal = request.SourcePrincipal;
        if (!principal.StartsWith(s_scheme))
        {
            return false;
        }

        // ".+" before "/ns/": at least one byte after the scheme
        for (int from = s_scheme.Length + 1; from < principal.Length;)
        {
            int at = principal[from..].IndexOf(_nsPart);
            if (at < 0)
            {
                return false;
            }

            at += from;
            if (AfterNamespace(principal[(at + _nsPart.Length)..]))
            {
                return true;
            }

            from = at + 1;
        }

        return false;
    }

    public override string ToString() => _value;

    // "(.+/|)sa/<sa>(/.+)?" must match all of rest
    private bool AfterNamespace(ReadOnlySpan<byte> rest)
    {
        for (int from = 0; from <= rest.Length - _saPart.Length;)
        {
            int at = rest[from..].IndexOf(_saPart);
            if (at < 0)
            {
                return false;
            }

            at += from;
            bool before = at == 0 || (at >= 2 && rest[at - 1] == (byte)'/');
            var after = rest[(at + _saPart.Length)..];
            bool tail = after.IsEmpty || (after.Length >= 2 && after[0] == (byte)'/');
            if (before && tail)
            {
                return true;
            }

            from = at + 1;
        }

        return false;
    }
}
