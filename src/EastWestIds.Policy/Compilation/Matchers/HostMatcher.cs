using EastWestIds.Policy.Matching;
using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Compilation.Matchers;

/// <summary>
/// <c>hosts</c>: the <c>:authority</c> as received, port included, ignoring ASCII case; <c>*</c> = present. So
/// <c>example.com</c> does not match <c>example.com:80</c> (MESH-SEMANTICS §3.4).
/// </summary>
internal sealed class HostMatcher(string value) : AttributeMatcher
{
    private readonly StringPattern _pattern = StringPattern.Parse(value, ignoreCase: true, starIsPresence: true);

    public override bool HttpOnly => true;

    public override bool Matches(scoped in AuthzRequest request, ref AuthzUnknowns unknowns) => _pattern.Matches(request.Host);

    public override string ToString() => value;
}
