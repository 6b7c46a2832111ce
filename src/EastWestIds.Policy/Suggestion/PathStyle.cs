namespace EastWestIds.Policy.Suggestion;

/// <summary>How a learned path template is written into a policy.</summary>
public enum PathStyle
{
    /// <summary>Istio ≥ 1.22 path templates: <c>/reviews/{*}</c> (exact: one segment).</summary>
    Template,

    /// <summary>
    /// Older Istio: everything from the first <c>{*}</c> on becomes a prefix match, <c>/reviews/*</c>. Wider than what
    /// was learned (it also allows <c>/reviews/1/edit</c>); the suggester says so in a note.
    /// </summary>
    Prefix,
}
