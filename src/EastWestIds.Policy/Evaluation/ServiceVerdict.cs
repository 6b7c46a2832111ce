using EastWestIds.Inventory.Model;

namespace EastWestIds.Policy.Evaluation;

/// <summary>
/// The judgement of a request to a Service whose pods belong to several workloads. Each workload is judged on its
/// own (its labels select its policies, its container ports resolve a named target port); the most severe verdict
/// is reported, and <see cref="Disagreement"/> says when another workload would have judged differently.
/// </summary>
public readonly record struct ServiceVerdict
{
    /// <summary>The most severe verdict (Denied &gt; WouldDeny &gt; ExtAuthz &gt; Allowed &gt; Unprotected).</summary>
    public AuthzVerdict Verdict { get; init; }

    /// <summary>The workload that gave <see cref="Verdict"/>, or null when no workload backs the Service.</summary>
    public WorkloadInfo? Workload { get; init; }

    /// <summary>How many workloads were judged.</summary>
    public int WorkloadCount { get; init; }

    /// <summary>True when the workloads did not all reach the same <see cref="VerdictKind"/>.</summary>
    public bool Disagreement { get; init; }

    /// <summary>When <see cref="Disagreement"/>: the least severe verdict, and its workload.</summary>
    public AuthzVerdict Other { get; init; }

    /// <summary>When <see cref="Disagreement"/>: the workload of <see cref="Other"/>.</summary>
    public WorkloadInfo? OtherWorkload { get; init; }

    /// <summary>How many workloads do not serve the requested port (a named targetPort they do not declare).</summary>
    public int WorkloadsWithoutPort { get; init; }
}
