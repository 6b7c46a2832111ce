using EastWestIds.Inventory.Model;

namespace EastWestIds.Policy.Evaluation;

/// <summary>Whether a mirrored request could be judged.</summary>
public enum JudgementStatus
{
    /// <summary>The destination Service and port were found and every workload behind it was judged.</summary>
    Judged,

    /// <summary>The Host names no Service in the inventory (external host, IP literal, unknown name).</summary>
    UnknownService,

    /// <summary>The Service has no port matching the Host's port.</summary>
    UnknownPort,

    /// <summary>The Service has no workloads in the inventory (no selector, or nothing it selects is known).</summary>
    NoWorkloads,
}

/// <summary>The judgement of a mirrored request: which Service it was for and what its workloads' sidecars decide.</summary>
/// <param name="Status">Whether it could be judged.</param>
/// <param name="Service">The destination Service, when found.</param>
/// <param name="Port">The Service port, when found.</param>
/// <param name="Verdict">The verdict over the Service's workloads (default unless <see cref="JudgementStatus.Judged"/>).</param>
public readonly record struct MeshJudgement(JudgementStatus Status, ServiceInfo? Service, ServicePortInfo? Port, ServiceVerdict Verdict);
