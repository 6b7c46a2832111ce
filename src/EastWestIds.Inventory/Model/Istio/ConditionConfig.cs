using System.Collections.Immutable;

namespace EastWestIds.Inventory.Model.Istio;

/// <summary>A rule's <c>when</c> condition.</summary>
/// <param name="Key">The attribute, e.g. <c>request.headers[x-foo]</c>.</param>
/// <param name="Values">Any of these must match (when non-empty).</param>
/// <param name="NotValues">None of these may match.</param>
public sealed record ConditionConfig(string Key, ImmutableArray<string> Values, ImmutableArray<string> NotValues);
