using System.Text;
using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Prefilter;

namespace EastWestIds.Signatures.Matching;

/// <summary>
/// Prefiltered slots whose values are usually the same bytes, with one prefilter over all their literals: the slots of
/// one buffer under different transforms (a benign value mostly passes them unchanged: <c>url_decode</c> without
/// <c>%</c> or <c>+</c>) and a raw buffer with its normalized twin (<c>http.header.raw</c> is <c>http.header</c>
/// without a Cookie). When value number v of every member is the same bytes, one pass of <see cref="Joined"/> marks
/// exactly what each member's own pass would have marked (a literal marks the rules it marks in its own slot, and
/// each member would have scanned these very bytes); members whose values differ are split into the subsets that
/// hold the same bytes, each scanned once with its own (joined) prefilter.
/// </summary>
/// <remarks>
/// Why: the header block was scanned three times per request (<c>http.header</c>, <c>http.header; url_decode</c>,
/// <c>http.header.raw</c>), each argument value twice, the body three times. Whether values are the same bytes is
/// <see cref="MatchScratch"/>'s sharing (checked on the bytes, see there), never predicted from the transforms.
/// </remarks>
internal sealed class PrefilterGroup
{
    /// <summary>Groups with more members join only all of them (no group of the shipped rules has more than three).</summary>
    private const int MaxSubsetMembers = 4;

    /// <summary>Members per group at most (the per-subset tables have 2^members entries); further slots scan alone.</summary>
    private const int MaxMembers = 8;

    private readonly LiteralPrefilter?[] _joined;
    private readonly int[] _literalBase;

    private PrefilterGroup(InspectionSlot[] members, LiteralPrefilter?[] joined, int[] literalBase)
    {
        Members = members;
        _joined = joined;
        _literalBase = literalBase;
    }

    /// <summary>The slots (each with a prefilter), in set order; at most <see cref="MaxMembers"/>.</summary>
    public InspectionSlot[] Members { get; }

    /// <summary>Every member's literals, each marking the rules it marks in its member (identical literals joined).</summary>
    public LiteralPrefilter Joined => _joined[(1 << Members.Length) - 1]!;

    /// <summary>
    /// The prefilter for the members in <paramref name="members"/> (bit m: member m) when they hold the same bytes: a
    /// member's own for one member, the joined one of two or more (null for a proper subset of a group past four members).
    /// </summary>
    /// <remarks>
    /// The joined prefilter of all members is built with the group; that of a smaller subset on its first need (a
    /// request whose members' values differ), since most subsets never occur on a given mesh and each costs ~200 KiB.
    /// Building twice in a race is harmless: the same literals, the same reserved ids, one result kept.
    /// </remarks>
    public LiteralPrefilter? For(int members)
    {
        if (int.IsPow2(members))
        {
            return Members[int.Log2(members)].Prefilter;
        }

        if (_literalBase[members] < 0)
        {
            return null;
        }

        return Volatile.Read(ref _joined[members])
            ?? Interlocked.CompareExchange(ref _joined[members], Join(Subset(Members, members), _literalBase[members]), null)
            ?? _joined[members];
    }

    /// <summary>
    /// Groups the prefiltered <paramref name="slots"/> by buffer family (two or more members; a slot alone stays
    /// out of every group), with a joined prefilter for every subset of two or more members (all members only, past
    /// <see cref="MaxSubsetMembers"/>): a Cookie makes <c>http.header.raw</c> differ while <c>http.header</c> and its
    /// <c>url_decode</c> stay equal. The joined prefilters number their literals from <paramref name="literalBase"/>
    /// on; <paramref name="literalEnd"/> is one past the last.
    /// </summary>
    public static PrefilterGroup[] Build(InspectionSlot[] slots, int literalBase, out int literalEnd)
    {
        var groups = new List<PrefilterGroup>();
        foreach (IGrouping<InspectionBuffer, InspectionSlot> family in slots.Where(s => s.Prefilter is not null).GroupBy(s => Family(s.Buffer)))
        {
            InspectionSlot[] members = [.. family.Take(MaxMembers)];
            if (members.Length < 2)
            {
                continue;
            }

            // every subset's literal ids are reserved now (the seen flags are sized once), its prefilter built later
            int all = (1 << members.Length) - 1;
            var joined = new LiteralPrefilter?[all + 1];
            var bases = new int[all + 1];
            Array.Fill(bases, -1);
            for (int subset = 3; subset <= all; subset++)
            {
                if (!int.IsPow2(subset) && (members.Length <= MaxSubsetMembers || subset == all))
                {
                    bases[subset] = literalBase;
                    literalBase += Subset(members, subset).SelectMany(m => m.Prefilter!.Literals).Distinct(StringComparer.OrdinalIgnoreCase).Count();
                }
            }

            joined[all] = Join(members, bases[all]);
            groups.Add(new PrefilterGroup(members, joined, bases));
        }

        literalEnd = literalBase;
        return [.. groups];
    }

    private static InspectionSlot[] Subset(InspectionSlot[] members, int subset) =>
        [.. members.Where((_, m) => (subset & (1 << m)) != 0)];

    /// <remarks>
    /// Literals that differ only in case are one literal of the joined prefilter (each member's own prefilter holds them
    /// once ignoring case, as the compiler dedupes them): the prefilter compares ignoring case, and it can hold one
    /// literal per folded one-byte value only. Keyed by case, a member's <c>a</c> and another's <c>A</c> were two
    /// literals, and the second took the first's place, so its rules were never candidates in a joined scan.
    /// </remarks>
    private static LiteralPrefilter Join(InspectionSlot[] members, int literalBase)
    {
        var rulesByLiteral = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (InspectionSlot member in members)
        {
            LiteralPrefilter prefilter = member.Prefilter!;
            for (int l = 0; l < prefilter.LiteralCount; l++)
            {
                string literal = prefilter.Literals[l];
                if (!rulesByLiteral.TryGetValue(literal, out List<int>? rules))
                {
                    rulesByLiteral.Add(literal, rules = []);
                    order.Add(literal);
                }

                rules.AddRange(prefilter.RulesOf(l));
            }
        }

        return new LiteralPrefilter([.. order.Select(l => (Encoding.Latin1.GetBytes(l), rulesByLiteral[l].Distinct().ToArray()))], literalBase);
    }

    /// <summary>The buffer whose values <paramref name="buffer"/>'s usually equal (MatchScratch's twins), else itself.</summary>
    private static InspectionBuffer Family(InspectionBuffer buffer) => buffer switch
    {
        InspectionBuffer.HttpHeaderRaw => InspectionBuffer.HttpHeader,
        InspectionBuffer.HttpUriRaw => InspectionBuffer.HttpUri,
        _ => buffer,
    };
}
