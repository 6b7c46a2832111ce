using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Compilation.Matchers;

/// <summary>
/// <c>experimental.envoy.filters.*</c>: Envoy dynamic metadata, which exists only inside the enforcing proxy. It is
/// judged absent and the verdict is marked as depending on it.
/// </summary>
internal sealed class DynamicMetadataMatcher(string key, string value) : AttributeMatcher
{
    public override bool Matches(scoped in AuthzRequest request, ref AuthzUnknowns unknowns)
    {
        unknowns |= AuthzUnknowns.DynamicMetadata;
        return false;
    }

    public override string ToString() => $"{key}: {value}";
}
