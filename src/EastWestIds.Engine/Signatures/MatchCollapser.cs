using EastWestIds.Core.Findings;
using EastWestIds.Engine.Alerts;
using EastWestIds.Engine.Inspection;
using EastWestIds.Signatures.Matching;

namespace EastWestIds.Engine.Signatures;

/// <summary>
/// One alert per attack: turns one request's signature matches into one finding per attack category.
/// </summary>
/// <remarks>
/// <para>
/// Why: the shipped rules come in families, one variant per buffer (URI, raw URI, argument, body, cookie, header) and
/// several sibling rules per technique, so one <c>' UNION SELECT … --</c> fires a dozen sids. Analysts read that as a
/// dozen attacks. Here the matches of one category (<see cref="SignatureCategories"/>) become one finding: the best
/// ranked rule is its signature and detail (its evidence is what the store marks), and every other match of the
/// category, ranked, rides along in <see cref="Finding.Related"/> with its own detail, so the EVE line, the store and
/// the per-sid match counter still see every sid. Matches of different categories stay separate findings; rules without
/// a category are never collapsed.
/// </para>
/// <para>
/// Cost: nothing when nothing matched (the caller does not get here); one pass per match otherwise. Findings are
/// rare, so the related arrays and their detail strings are allocated.
/// </para>
/// </remarks>
public static class MatchCollapser
{
    /// <summary>Adds one finding per category of <paramref name="matches"/> to <paramref name="context"/>, in the order
    /// the categories first matched.</summary>
    public static void AddFindings(ReadOnlySpan<SignatureMatch> matches, SignatureCategories categories, InspectionContext context)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(context);
        if (matches.Length == 1)
        {
            context.Add(matches[0].Signature.Info, SignatureInspector.Describe(matches[0]));
            return;
        }

        Span<bool> taken = matches.Length <= 256 ? stackalloc bool[matches.Length] : new bool[matches.Length];
        for (var i = 0; i < matches.Length; i++)
        {
            if (taken[i])
            {
                continue;
            }

            taken[i] = true;
            var category = categories.CategoryOf(matches[i].Signature.Index);
            var members = 1;
            if (category >= 0)
            {
                for (var j = i + 1; j < matches.Length; j++)
                {
                    if (!taken[j] && categories.CategoryOf(matches[j].Signature.Index) == category)
                    {
                        members++;
                    }
                }
            }

            if (members == 1)
            {
                context.Add(matches[i].Signature.Info, SignatureInspector.Describe(matches[i]));
                continue;
            }

            context.Add(Collapse(matches, i, category, members, categories, taken));
        }
    }

    // The rare path: several rules of one category matched. Ranks all of them, best first.
    private static Finding Collapse(ReadOnlySpan<SignatureMatch> matches, int first, int category, int members,
        SignatureCategories categories, Span<bool> taken)
    {
        var ranks = new long[members];
        var found = new Finding[members];
        ranks[0] = categories.RankOf(matches[first].Signature.Index);
        found[0] = new Finding(matches[first].Signature.Info, SignatureInspector.Describe(matches[first]));
        var at = 1;
        for (var j = first + 1; j < matches.Length && at < members; j++)
        {
            if (!taken[j] && categories.CategoryOf(matches[j].Signature.Index) == category)
            {
                taken[j] = true;
                ranks[at] = categories.RankOf(matches[j].Signature.Index);
                found[at++] = new Finding(matches[j].Signature.Info, SignatureInspector.Describe(matches[j]));
            }
        }

        Array.Sort(ranks, found);
        return found[0] with { Related = found[1..] };
    }

    /// <summary>
    /// What is left of a collapsed finding when the analyst suppressed some of its sids (the alert store's
    /// suppressions are per sid, caller and callee, and are asked per finding): the best ranked match not
    /// suppressed becomes the finding, the other survivors its related matches; null when all were suppressed.
    /// </summary>
    /// <param name="finding">A finding whose own sid is suppressed.</param>
    /// <param name="sink">The sink that suppresses; asked once for each related match, in rank order.</param>
    /// <param name="request">The request, for the sink.</param>
    /// <param name="context">The request's context, for the sink.</param>
    public static Finding? WithoutSuppressed(in Finding finding, IRequestAlertSink sink, MirroredRequest request, InspectionContext context)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (finding.Related is not { Length: > 0 } related)
        {
            return null;
        }

        var kept = new List<Finding>(related.Length);
        foreach (var candidate in related)
        {
            if (!sink.IsSuppressed(request, context, candidate))
            {
                kept.Add(candidate);
            }
        }

        return kept.Count == 0 ? null : kept[0] with { Related = kept.Count == 1 ? null : [.. kept.Skip(1)] };
    }
}
