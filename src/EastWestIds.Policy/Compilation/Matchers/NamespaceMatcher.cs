using EastWestIds.Policy.Matching;
using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Compilation.Matchers;

/// <summary>
/// <c>namespaces</c> / <c>source.namespace</c>: Istio's regex <c>.*/ns/&lt;v&gt;/.*</c> on the principal, each <c>*</c> of
/// the value a wildcard that may span <c>/</c>; the trust domain is not looked at.
/// </summary>
internal sealed class NamespaceMatcher(string value) : AttributeMatcher
{
    private readonly GlobPattern _glob = new($"*/ns/{value}/*");

    public override bool Matches(scoped in AuthzRequest request, ref AuthzUnknowns unknowns) =>
        request.SourcePrincipal.Length > 0 && _glob.Matches(request.SourcePrincipal);

    public override string ToString() => value;
}
