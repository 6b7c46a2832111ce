using EastWestIds.Identity.Callee;
using EastWestIds.Policy.Baseline;
using EastWestIds.Storage.Model;

namespace EastWestIds.Host.Baseline;

/// <summary>
/// Stored baseline rows as export lines, each callee as its Service key (<see cref="ServiceKey"/>). Rows written by
/// older builds (callee <c>svc.ns.svc.cluster.local</c>, or the host as spelled) and the <c>name.namespace</c> rows
/// written since then describe one edge; they are merged here (counts added, first and last seen widened), so an export
/// lists each edge once, as the running baseline sees it.
/// </summary>
internal static class StoredBaselineLines
{
    public static List<BaselineLine> From(IEnumerable<BaselineEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var merged = new Dictionary<(string Caller, string Callee, string Method, string Path), BaselineLine>();
        foreach (var e in entries)
        {
            var key = (e.Caller, ServiceKey.Of(e.Caller, e.Callee), e.Method, e.PathTemplate);
            merged[key] = merged.TryGetValue(key, out var seen)
                ? new BaselineLine(
                    seen.Edge with { Count = seen.Edge.Count + e.Count },
                    Min(seen.FirstSeen, e.FirstSeen),
                    Max(seen.LastSeen, e.LastSeen))
                : new BaselineLine(new LearnedEdge(key.Caller, key.Item2, key.Method, key.PathTemplate, e.Count), e.FirstSeen, e.LastSeen);
        }

        var lines = merged.Values.ToList();
        lines.Sort((a, b) =>
        {
            var c = string.CompareOrdinal(a.Edge.Caller, b.Edge.Caller);
            c = c != 0 ? c : string.CompareOrdinal(a.Edge.Callee, b.Edge.Callee);
            c = c != 0 ? c : string.CompareOrdinal(a.Edge.Method, b.Edge.Method);
            return c != 0 ? c : string.CompareOrdinal(a.Edge.PathTemplate, b.Edge.PathTemplate);
        });
        return lines;
    }

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
}
