using EastWestIds.Core;
using EastWestIds.Core.Findings;

namespace EastWestIds.Storage.Model;

/// <summary>
/// Which alerts a list or export wants. Every field is optional and they combine with AND; a list field matches
/// any of its values. Time is half-open: <c>From &lt;= timestamp &lt; To</c>. Caller matches the caller principal and
/// <see cref="Callee"/> the host the caller used exactly. <see cref="CalleeName"/>
/// and <see cref="CalleeNamespace"/> match the Service however the caller spelled it (<see cref="CalleeInfo.Name"/>).
/// </summary>
public sealed record AlertFilter
{
    public static readonly AlertFilter All = new();

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public IReadOnlyList<Severity>? Severities { get; init; }

    public IReadOnlyList<string>? Categories { get; init; }

    public IReadOnlyList<FindingFamily>? Families { get; init; }

    public IReadOnlyList<int>? Sids { get; init; }

    public string? Caller { get; init; }

    public string? Callee { get; init; }

    /// <summary>The callee's Service name (<see cref="CalleeInfo.Name"/>; compared in lower case), any spelling of the host.</summary>
    public string? CalleeName { get; init; }

    /// <summary>The callee's namespace (compared in lower case); null matches any.</summary>
    public string? CalleeNamespace { get; init; }

    public IReadOnlyList<AlertVerdict>? Verdicts { get; init; }

    public IReadOnlyList<TriageState>? TriageStates { get; init; }

    /// <summary>What the inline proxy did with the request (<see cref="AlertOutcome"/>; a mirror's alerts are <c>none</c>).</summary>
    public IReadOnlyList<AlertOutcome>? Outcomes { get; init; }
}
