using System.Collections.Immutable;

namespace EastWestIds.Inventory.Model.Istio;

/// <summary>One <c>rules[]</c> entry of an AuthorizationPolicy.</summary>
/// <param name="From"><c>from[].source</c>; an element is null where a <c>from</c> entry had no <c>source</c>.</param>
/// <param name="To"><c>to[].operation</c>; an element is null where a <c>to</c> entry had no <c>operation</c>.</param>
/// <param name="When"><c>when[]</c> conditions.</param>
public sealed record RuleConfig(
    ImmutableArray<SourceConfig?> From,
    ImmutableArray<OperationConfig?> To,
    ImmutableArray<ConditionConfig> When)
{
    /// <summary>The empty rule <c>{}</c>, which matches every request.</summary>
    public static readonly RuleConfig MatchAll = new([], [], []);
}
