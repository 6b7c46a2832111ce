using EastWestIds.Policy.Matching;
using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Compilation.Matchers;

/// <summary><c>principals</c> / <c>source.principal</c>: the value with <c>spiffe://</c> in front.</summary>
internal sealed class PrincipalPatternMatcher(string value) : AttributeMatcher
{
    private readonly StringPattern _pattern = StringPattern.Parse(value, fixedPrefix: "spiffe://");

    public override bool Matches(scoped in AuthzRequest request, ref AuthzUnknowns unknowns) =>
        request.SourcePrincipal.Length > 0 && _pattern.Matches(request.SourcePrincipal);

    public override string ToString() => value;
}
