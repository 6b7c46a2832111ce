namespace EastWestIds.Policy.Compilation;

/// <summary>How bad a policy problem is.</summary>
public enum PolicyDiagnosticSeverity
{
    /// <summary>Istio would accept it, but it probably does not do what its author meant.</summary>
    Warning,

    /// <summary>Istio's validation rejects it, or part of it cannot be used; the note says what was done instead.</summary>
    Error,
}

/// <summary>A problem found while compiling a policy.</summary>
/// <param name="Severity">How bad.</param>
/// <param name="Policy"><c>namespace/name</c>.</param>
/// <param name="RuleIndex">The rule, or null for the whole policy.</param>
/// <param name="Message">What, and what the compiler did about it.</param>
public sealed record PolicyDiagnostic(PolicyDiagnosticSeverity Severity, string Policy, int? RuleIndex, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        RuleIndex is { } rule ? $"{Severity}: {Policy} rule {rule}: {Message}" : $"{Severity}: {Policy}: {Message}";
}
