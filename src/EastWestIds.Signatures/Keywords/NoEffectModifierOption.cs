using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// Content modifiers of Suricata that change nothing a rule matches, accepted so that rules carrying them load:
/// <c>rawbytes</c> (Suricata: no effect, kept for Snort rules) and <c>prefilter</c> (asks Suricata's engine to use the
/// content in its prefilter; EastWestIds' prefilter chooses its own literals, see <c>Prefilter/</c>).
/// </summary>
/// <param name="Keyword">The keyword as registered.</param>
/// <param name="Location">Where the keyword was written.</param>
public sealed record NoEffectModifierOption(string Keyword, SourceLocation Location) : ContentModifierOption(Keyword, Location)
{
    internal static IEnumerable<KeywordDefinition> Definitions()
    {
        foreach (string name in (string[])["rawbytes", "prefilter"])
        {
            yield return new KeywordDefinition(name, KeywordKind.ContentModifier, KeywordValue.None,
                ctx => new NoEffectModifierOption(name, ctx.Option.Location));
        }
    }
}
