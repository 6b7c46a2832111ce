namespace EastWestIds.Policy.Matching;

/// <summary>The forms of Istio's string match syntax (MESH-SEMANTICS §3.4).</summary>
public enum StringPatternKind
{
    /// <summary><c>abc</c>: the whole value.</summary>
    Exact,

    /// <summary><c>abc*</c>.</summary>
    Prefix,

    /// <summary><c>*abc</c>.</summary>
    Suffix,

    /// <summary><c>*abc</c> behind a fixed prefix (principals: regex <c>spiffe://.*abc</c>): the prefix, then anything ending in the suffix.</summary>
    PrefixThenSuffix,

    /// <summary><c>*</c> as regex <c>.+</c>: any non-empty value.</summary>
    NonEmpty,

    /// <summary><c>*</c> on a header: present, even if empty.</summary>
    Present,
}
