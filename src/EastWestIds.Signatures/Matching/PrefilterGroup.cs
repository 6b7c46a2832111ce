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
/// each member would have scanned these very bytes); a value some member holds differently is scanned by each member.
/// </summary>
/// <remarks>
/// Why: the header block was scanned three times per request (<c>http.header</c>, <c>http.header; url_decode</c>,
/// <c>http.header.raw</c>), each argument value twice, the body three times. Whether values are the same bytes is
/// <see cref="MatchScratch"/>'s sharing (checked on the bytes, see there), never predicted from the transforms.
/// </remarks>
internal sealed class PrefilterGroup
{
    private PrefilterGroup(InspectionSlot[] members, LiteralPrefilter joined)
    {
        Members = members;
        Joined = joined;
    }

    /// <summary>The slots (each with a prefilter), in set order.</summary>
    public InspectionSlot[] Members { get; }

    /// <summary>Every member's literals, each marking the rules it marks in its member (identical literals joined).</summary>
    public LiteralPrefilter Joined { get; }

    /// <summary>
    /// Groups the prefiltered <paramref name="slots"/> by buffer family (two or more members; a slot alone stays
    /// out of every group). The joined prefilters number their literals from <paramref name="literalBase"/> on;
    /// <paramref name="literalEnd"/> is one past the last.
    /// </summary>
    public static PrefilterGroup[] Build(InspectionSlot[] slots, int literalBase, out int literalEnd)
    {
        var groups = new List<PrefilterGroup>();
        foreach (IGrouping<InspectionBuffer, InspectionSlot> family in slots.Where(s => s.Prefilter is not null).GroupBy(s => Family(s.Buffer)))
        {
            InspectionSlot[] members = [.. family];
            if (members.Length < 2)
            {
                continue;
            }

            var rulesByLiteral = new Dictionary<string, List<int>>(StringComparer.Ordinal);
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

            (byte[], int[])[] literals = [.. order.Select(l => (Encoding.Latin1.GetBytes(l), rulesByLiteral[l].Distinct().ToArray()))];
            groups.Add(new PrefilterGroup(members, new LiteralPrefilter(literals, literalBase)));
            literalBase += literals.Length;
        }

        literalEnd = literalBase;
        return [.. groups];
    }

    /// <summary>The buffer whose values <paramref name="buffer"/>'s usually equal (MatchScratch's twins), else itself.</summary>
    private static InspectionBuffer Family(InspectionBuffer buffer) => buffer switch
    {
        InspectionBuffer.HttpHeaderRaw => InspectionBuffer.HttpHeader,
        InspectionBuffer.HttpUriRaw => InspectionBuffer.HttpUri,
        _ => buffer,
    };
}
