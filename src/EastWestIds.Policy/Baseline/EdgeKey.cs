using EastWestIds.Identity.Callee;

namespace EastWestIds.Policy.Baseline;

/// <summary>
/// The dictionary key of a baseline edge: <c>caller \n callee \n method \n template</c>, one char per byte (Latin-1),
/// so a key built from request bytes and one built from a stored edge are the same string. None of the four parts
/// can hold a line feed (principals and service names are validated, methods are tokens, templates come from a
/// parsed request line), so the separator is unambiguous.
/// </summary>
internal static class EdgeKey
{
    public static int Write(Span<char> key, ReadOnlySpan<byte> caller, ReadOnlySpan<byte> callee, ReadOnlySpan<byte> method, ReadOnlySpan<byte> template)
    {
        var at = Widen(caller, key);
        key[at++] = '\n';
        at += Widen(callee, key[at..]);
        key[at++] = '\n';
        at += Widen(method, key[at..]);
        key[at++] = '\n';
        at += Widen(template, key[at..]);
        return at;
    }

    /// <summary>
    /// The key of a stored edge, its callee normalized to the <see cref="ServiceKey"/> (edges of older builds carry the
    /// host as spelled or <c>svc.ns.svc.cluster.local</c>), or null when a part is empty, too long or holds a line feed.
    /// </summary>
    public static string? From(LearnedEdge edge)
    {
        if (!Valid(edge.Caller, BaselineLearner.MaxNameBytes) || !Valid(edge.Callee, BaselineLearner.MaxNameBytes)
            || !Valid(edge.Method, BaselineLearner.MaxMethodBytes) || !Valid(edge.PathTemplate, PathTemplater.MaxTemplateBytes)
            || !edge.PathTemplate.StartsWith('/'))
        {
            return null;
        }

        var callee = ServiceKey.Of(edge.Caller, edge.Callee);
        if (!Valid(callee, BaselineLearner.MaxNameBytes))
        {
            return null;
        }

        return string.Concat(edge.Caller, "\n", callee, "\n", edge.Method, "\n", edge.PathTemplate);
    }

    public static LearnedEdge Parse(string key, long count)
    {
        var parts = key.Split('\n');
        return new LearnedEdge(parts[0], parts[1], parts[2], parts[3], count);
    }

    public static int Compare(LearnedEdge a, LearnedEdge b)
    {
        var c = string.CompareOrdinal(a.Caller, b.Caller);
        c = c != 0 ? c : string.CompareOrdinal(a.Callee, b.Callee);
        c = c != 0 ? c : string.CompareOrdinal(a.Method, b.Method);
        return c != 0 ? c : string.CompareOrdinal(a.PathTemplate, b.PathTemplate);
    }

    private static bool Valid(string? value, int max)
        => !string.IsNullOrEmpty(value) && value.Length <= max && value.AsSpan().IndexOfAny('\n', '\r') < 0;

    private static int Widen(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[i] = (char)bytes[i];
        }

        return bytes.Length;
    }
}
