using EastWestIds.Signatures.Keywords;
using EastWestIds.Signatures.Syntax;

namespace EastWestIds.Signatures.Loading;

/// <summary>
/// A rule that parsed and passed validation: the metadata pulled out for alerts, and every option in the order
/// written, typed. Content modifiers follow their <see cref="ContentOption"/> directly and transforms follow their
/// <see cref="StickyBufferOption"/> directly (the validator guarantees both), so the compiler can group them in one
/// pass. Immutable; the next increment compiles a set of these into a <c>CompiledSignatureSet</c>.
/// </summary>
public sealed record SignatureConfig
{
    /// <summary>The rule id, unique across a loaded set.</summary>
    public required int Sid { get; init; }

    /// <summary>The revision (0 when absent).</summary>
    public required int Rev { get; init; }

    /// <summary>The alert text.</summary>
    public required string Message { get; init; }

    /// <summary>The class type name, when given.</summary>
    public string? ClassType { get; init; }

    /// <summary>The explicit priority, when given.</summary>
    public int? Priority { get; init; }

    /// <summary>The flow option, when given.</summary>
    public FlowOption? Flow { get; init; }

    /// <summary>The <c>threshold</c> or <c>detection_filter</c>, when given: how the rule's matches become alerts.</summary>
    public ThresholdOption? Threshold { get; init; }

    /// <summary>All <c>reference</c> options.</summary>
    public IReadOnlyList<ReferenceOption> References { get; init; } = [];

    /// <summary>All <c>metadata</c> entries, flattened in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; } = [];

    /// <summary>Every option in the order written (metadata keywords included).</summary>
    public required IReadOnlyList<SignatureOption> Options { get; init; }

    /// <summary>The rule as written.</summary>
    public required SignatureSyntax Syntax { get; init; }
}
