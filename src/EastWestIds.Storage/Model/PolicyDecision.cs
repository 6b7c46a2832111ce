namespace EastWestIds.Storage.Model;

/// <summary>
/// The verdict on the call and, when a policy decided it, which one: <c>namespace/name</c> of the
/// AuthorizationPolicy (or the allowlist/baseline name) and the rule inside it (index or text).
/// </summary>
public sealed record PolicyDecision(AlertVerdict Verdict, string? PolicyName = null, string? Rule = null)
{
    public static readonly PolicyDecision None = new(AlertVerdict.None);
}
