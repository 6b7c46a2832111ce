namespace EastWestIds.Core.Findings;

/// <summary>
/// What an alert says about the rule behind it, in Suricata's terms: <c>sid</c>, <c>rev</c>, <c>msg</c>,
/// <c>classtype</c> and its category text, severity. Built-in findings and compiled signatures share it.
/// </summary>
public sealed record SignatureInfo(
    int Sid,
    int Rev,
    string Message,
    string ClassType,
    string Category,
    Severity Severity,
    FindingFamily Family)
{
    /// <summary>
    /// The rule's <c>metadata</c>, each key once with its values in the order written (Suricata's EVE writes them so:
    /// <c>"signature_severity": ["Major"]</c>); empty for built-in findings.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string[]>> RuleMetadata { get; init; } = [];

    /// <summary>Equal when every field is, the metadata compared by content (a record would compare the list by reference).</summary>
    public bool Equals(SignatureInfo? other) =>
        other is not null && Sid == other.Sid && Rev == other.Rev && Message == other.Message && ClassType == other.ClassType
        && Category == other.Category && Severity == other.Severity && Family == other.Family
        && RuleMetadata.Count == other.RuleMetadata.Count
        && RuleMetadata.Zip(other.RuleMetadata).All(p => p.First.Key == p.Second.Key && p.First.Value.AsSpan().SequenceEqual(p.Second.Value));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Sid, Rev, Message, ClassType, Category, Severity, Family, RuleMetadata.Count);
}
