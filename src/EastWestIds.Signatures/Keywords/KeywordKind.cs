namespace EastWestIds.Signatures.Keywords;

/// <summary>What role a keyword plays in a rule; the validator enforces ordering rules per role.</summary>
public enum KeywordKind
{
    /// <summary>Describes the rule (<c>msg</c>, <c>sid</c>, <c>flow</c>, …); position does not matter.</summary>
    RuleMetadata,

    /// <summary>Selects the buffer that the following inspection keywords look at (<c>http.uri</c>, …).</summary>
    StickyBuffer,

    /// <summary>Rewrites the current sticky buffer before inspection; must directly follow the buffer or another transform.</summary>
    Transform,

    /// <summary>A literal to find (<c>content</c>).</summary>
    Content,

    /// <summary>Qualifies the content just before it (<c>nocase</c>, <c>depth</c>, …).</summary>
    ContentModifier,

    /// <summary>Any other test on the current buffer (<c>pcre</c>, <c>isdataat</c>, <c>bsize</c>, detectors, …).</summary>
    Inspection,
}
