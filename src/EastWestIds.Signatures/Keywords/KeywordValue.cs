namespace EastWestIds.Signatures.Keywords;

/// <summary>Whether a keyword takes a <c>:value</c>.</summary>
public enum KeywordValue
{
    /// <summary>Written bare (<c>nocase;</c>); a value is an error.</summary>
    None,

    /// <summary>Needs a value (<c>sid:1;</c>); a bare keyword is an error.</summary>
    Required,

    /// <summary>Either form (<c>fast_pattern;</c> or <c>fast_pattern:only;</c>).</summary>
    Optional,
}
