using System.Collections.Frozen;

namespace EastWestIds.Signatures.Keywords;

/// <summary>
/// Maps keyword names (case-insensitive, as Suricata) to their <see cref="KeywordDefinition"/>. Adding a keyword is
/// one new file with a <c>Definition</c> and one line here; the validator and parser need no change.
/// </summary>
public sealed class KeywordRegistry
{
    private readonly FrozenDictionary<string, KeywordDefinition> _keywords;

    /// <summary>Creates a registry of the given definitions; duplicate names throw.</summary>
    public KeywordRegistry(IEnumerable<KeywordDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var map = new Dictionary<string, KeywordDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (KeywordDefinition definition in definitions)
        {
            map.Add(definition.Name, definition);
        }

        _keywords = map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every keyword of this increment: rule metadata, sticky buffers, content and modifiers, pcre, sizes, transforms, detectors.</summary>
    public static KeywordRegistry Default { get; } = new(
    [
        MsgOption.Definition, SidOption.Definition, RevOption.Definition, ClassTypeOption.Definition,
        MetadataOption.Definition, ReferenceOption.Definition, PriorityOption.Definition, FlowOption.Definition,
        TargetOption.Definition, .. ThresholdOption.Definitions(),
        .. StickyBufferOption.Definitions(),
        ContentOption.Definition,
        NocaseOption.Definition, DepthOption.Definition, OffsetOption.Definition, DistanceOption.Definition,
        WithinOption.Definition, StartsWithOption.Definition, EndsWithOption.Definition, FastPatternOption.Definition,
        .. NoEffectModifierOption.Definitions(),
        PcreOption.Definition, IsDataAtOption.Definition, BsizeOption.Definition, UrilenOption.Definition, ByteTestOption.Definition,
        ByteJumpOption.Definition, Base64DecodeOption.Definition, Base64DataOption.Definition,
        .. TransformOption.Definitions(),
        .. DetectorOption.Definitions(),
    ]);

    /// <summary>The registered names.</summary>
    public IEnumerable<string> Names => _keywords.Keys;

    /// <summary>Looks up a keyword by name, case-insensitively.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out KeywordDefinition? definition) =>
        _keywords.TryGetValue(name, out definition);
}
