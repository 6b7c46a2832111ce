using System.Collections.Immutable;
using EastWestIds.Inventory.Model;
using EastWestIds.Policy.Compilation;
using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Evaluation;

/// <summary>Judges a request against every workload behind its Service (issue 4: "evaluate each and report disagreement").</summary>
public static class ServiceEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="request"/> for each of <paramref name="workloads"/>, setting
    /// <see cref="AuthzRequest.DestinationPort"/> per workload from <paramref name="servicePort"/> (the port the Host
    /// named, mapped to the workload's target port). With <paramref name="servicePort"/> null the request's own
    /// port is kept. Allocation-free once each workload's policies are cached.
    /// </summary>
    public static ServiceVerdict Evaluate(CompiledPolicySet policies, ImmutableArray<WorkloadInfo> workloads, ServicePortInfo? servicePort, scoped in AuthzRequest request)
    {
        ArgumentNullException.ThrowIfNull(policies);
        if (workloads.IsDefaultOrEmpty)
        {
            return default;
        }

        AuthzVerdict worst = default, best = default;
        WorkloadInfo? worstWorkload = null, bestWorkload = null;
        int withoutPort = 0;
        var perWorkload = request;
        foreach (var workload in workloads)
        {
            if (servicePort is not null)
            {
                int? target = workload.ResolveTargetPort(servicePort);
                if (target is null)
                {
                    withoutPort++;
                }

                perWorkload.DestinationPort = target ?? 0;
            }

            var verdict = policies.ForWorkload(workload).Evaluate(perWorkload);
            if (worstWorkload is null || verdict.Severity > worst.Severity)
            {
                (worst, worstWorkload) = (verdict, workload);
            }

            if (bestWorkload is null || verdict.Severity < best.Severity)
            {
                (best, bestWorkload) = (verdict, workload);
            }
        }

        bool disagree = worst.Kind != best.Kind;
        return new ServiceVerdict
        {
            Verdict = worst,
            Workload = worstWorkload,
            WorkloadCount = workloads.Length,
            Disagreement = disagree,
            Other = disagree ? best : default,
            OtherWorkload = disagree ? bestWorkload : null,
            WorkloadsWithoutPort = withoutPort,
        };
    }
}
