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
    FindingFamily Family);
