using EastWestIds.Policy.Compilation.Matchers;
using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Compilation;

/// <summary>
/// One attribute of a source, operation or condition: any of <see cref="Values"/> (when there are some) and none of
/// <see cref="NotValues"/> — a field and its <c>notX</c> are ANDed, values inside each are ORed.
/// </summary>
internal sealed class Clause(string attribute, AttributeMatcher[] values, AttributeMatcher[] notValues)
{
    public string Attribute { get; } = attribute;

    public AttributeMatcher[] Values { get; } = values;

    public AttributeMatcher[] NotValues { get; } = notValues;

    public bool Matches(scoped in AuthzRequest request, ref AuthzUnknowns unknowns)
    {
        if (Values.Length > 0 && !AnyMatches(Values, request, ref unknowns))
        {
            return false;
        }

        return NotValues.Length == 0 || !AnyMatches(NotValues, request, ref unknowns);
    }

    public static bool AllMatch(Clause[] clauses, scoped in AuthzRequest request, ref AuthzUnknowns unknowns)
    {
        foreach (var clause in clauses)
        {
            if (!clause.Matches(request, ref unknowns))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AnyMatches(AttributeMatcher[] matchers, scoped in AuthzRequest request, ref AuthzUnknowns unknowns)
    {
        foreach (var matcher in matchers)
        {
            if (matcher.Matches(request, ref unknowns))
            {
                return true;
            }
        }

        return false;
    }
}
