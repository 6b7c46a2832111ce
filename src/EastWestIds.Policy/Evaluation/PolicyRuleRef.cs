using EastWestIds.Policy.Compilation;

namespace EastWestIds.Policy.Evaluation;

/// <summary>A policy and one of its rules; <see cref="RuleIndex"/> is -1 when the policy as a whole is meant.</summary>
/// <param name="Policy">The policy, or null for none.</param>
/// <param name="RuleIndex">The index in <c>spec.rules</c>, or -1.</param>
public readonly record struct PolicyRuleRef(CompiledPolicy? Policy, int RuleIndex)
{
    /// <summary>True when no policy is referenced.</summary>
    public bool IsEmpty => Policy is null;

    /// <inheritdoc />
    public override string ToString() =>
        Policy is null ? "" : RuleIndex >= 0 ? $"{Policy.Name} rule {RuleIndex}" : Policy.Name;
}
