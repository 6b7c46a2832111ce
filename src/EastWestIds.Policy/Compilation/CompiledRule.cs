using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Compilation;

/// <summary>
/// One rule in matching form: (no <c>from</c>, or any <c>from</c> entry with all its clauses) and (no <c>to</c>, or
/// any <c>to</c> entry) and every <c>when</c> clause (MESH-SEMANTICS §3.3).
/// </summary>
internal sealed class CompiledRule(int index, Clause[][] from, Clause[][] to, Clause[] when)
{
    /// <summary>The rule's index in <c>spec.rules</c>.</summary>
    public int Index { get; } = index;

    public Clause[][] From { get; } = from;

    public Clause[][] To { get; } = to;

    public Clause[] When { get; } = when;

    // The conjunction is order-free; operations go first because they are the cheap, selective checks (a port, a
    // method, a path prefix) while sources often need a wildcard scan of the principal.
    public bool Matches(scoped in AuthzRequest request, ref AuthzUnknowns unknowns) =>
        AnyEntry(To, request, ref unknowns) && AnyEntry(From, request, ref unknowns) && Clause.AllMatch(When, request, ref unknowns);

    private static bool AnyEntry(Clause[][] entries, scoped in AuthzRequest request, ref AuthzUnknowns unknowns)
    {
        if (entries.Length == 0)
        {
            return true;
        }

        foreach (var entry in entries)
        {
            if (Clause.AllMatch(entry, request, ref unknowns))
            {
                return true;
            }
        }

        return false;
    }
}
