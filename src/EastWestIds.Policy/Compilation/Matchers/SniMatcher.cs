using EastWestIds.Policy.Matching;
using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Compilation.Matchers;

/// <summary><c>connection.sni</c>: the SNI of the inbound TLS connection.</summary>
internal sealed class SniMatcher(string value) : AttributeMatcher
{
    private readonly StringPattern _pattern = StringPattern.Parse(value);

    public override bool Matches(scoped in AuthzRequest request, ref AuthzUnknowns unknowns)
    {
        if (request.Sni.IsEmpty)
        {
            unknowns |= AuthzUnknowns.ConnectionSni;
            return false;
        }

        return _pattern.Matches(request.Sni);
    }

    public override string ToString() => value;
}
