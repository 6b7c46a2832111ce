using System.Collections.Immutable;
using EastWestIds.Policy.Matching;
using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Compilation.Matchers;

/// <summary>
/// <c>request.auth.claims[a][b]…</c>, <c>request.auth.audiences</c> (<c>aud</c>), <c>request.auth.presenter</c>
/// (<c>azp</c>): the claim at the path is a string that matches, or a list with a matching string element.
/// </summary>
internal sealed class ClaimMatcher(ImmutableArray<string> path, string value) : AttributeMatcher
{
    private readonly StringPattern _pattern = StringPattern.Parse(value);

    public override bool HttpOnly => true;

    public override bool Matches(scoped in AuthzRequest request, ref AuthzUnknowns unknowns)
    {
        if (request.Claims is not { } claims)
        {
            if (request.HasUnvalidatedToken)
            {
                unknowns |= AuthzUnknowns.RequestAuth;
            }

            return false;
        }

        var node = claims.Find(path);
        if (node is null)
        {
            return false;
        }

        if (node.Text is { } text)
        {
            return _pattern.Matches(text);
        }

        foreach (var element in node.List)
        {
            if (_pattern.Matches(element))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => $"[{string.Join("][", path)}]: {value}";
}
