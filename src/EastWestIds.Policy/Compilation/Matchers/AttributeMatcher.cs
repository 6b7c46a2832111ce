using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Compilation.Matchers;

/// <summary>One compiled value of one attribute (a principal, a path, a header condition…).</summary>
internal abstract class AttributeMatcher
{
    /// <summary>True when the attribute exists only on HTTP requests (MESH-SEMANTICS §3.7).</summary>
    public virtual bool HttpOnly => false;

    /// <summary>
    /// True when the request's attribute matches. An attribute the request lacks does not match; one the request
    /// could not know also sets its flag in <paramref name="unknowns"/>.
    /// </summary>
    public abstract bool Matches(scoped in AuthzRequest request, ref AuthzUnknowns unknowns);

    /// <summary>The value as written, for explanations.</summary>
    public abstract override string ToString();
}
