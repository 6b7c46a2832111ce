using EastWestIds.Policy.Matching;
using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Compilation.Matchers;

/// <summary><c>paths</c> without template: the path without query or fragment; <c>*</c> = non-empty.</summary>
internal sealed class PathMatcher(string value) : AttributeMatcher
{
    private readonly StringPattern _pattern = StringPattern.Parse(value);

    public override bool HttpOnly => true;

    public override bool Matches(scoped in AuthzRequest request, ref AuthzUnknowns unknowns) =>
        _pattern.Matches(PathValue.WithoutQuery(request.Path), request.PathIgnoresCase);

    public override string ToString() => value;
}

/// <summary><c>paths</c> with <c>{*}</c>/<c>{**}</c>.</summary>
internal sealed class PathTemplateMatcher(PathTemplate template) : AttributeMatcher
{
    public override bool HttpOnly => true;

    public override bool Matches(scoped in AuthzRequest request, ref AuthzUnknowns unknowns) => template.Matches(request.Path, request.PathIgnoresCase);

    public override string ToString() => template.Text;
}
