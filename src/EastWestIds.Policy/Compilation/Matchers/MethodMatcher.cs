using EastWestIds.Policy.Matching;
using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Compilation.Matchers;

/// <summary><c>methods</c>: <c>:method</c>, case-sensitive (a header matcher: <c>*</c> = present).</summary>
internal sealed class MethodMatcher(string value) : AttributeMatcher
{
    private readonly StringPattern _pattern = StringPattern.Parse(value, starIsPresence: true);

    public override bool HttpOnly => true;

    public override bool Matches(scoped in AuthzRequest request, ref AuthzUnknowns unknowns) => _pattern.Matches(request.Method);

    public override string ToString() => value;
}
