using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using EastWestIds.Inventory.Model;
using EastWestIds.Policy.Evaluation;
using EastWestIds.Policy.Mesh;

namespace EastWestIds.Policy.Compilation;

/// <summary>
/// All policies of a mesh, compiled once (<see cref="PolicyCompiler"/>); immutable and shared by all threads. The
/// policies that apply to a workload are worked out once per workload and cached.
/// </summary>
public sealed class CompiledPolicySet
{
    private readonly ConditionalWeakTable<WorkloadInfo, WorkloadPolicies> _byWorkload = new();

    internal CompiledPolicySet(MeshAuthzSettings mesh, ImmutableArray<CompiledPolicy> policies, ImmutableArray<PolicyDiagnostic> diagnostics)
    {
        Mesh = mesh;
        Policies = policies;
        Diagnostics = diagnostics;
    }

    /// <summary>The mesh settings the policies were compiled for.</summary>
    public MeshAuthzSettings Mesh { get; }

    /// <summary>The usable policies.</summary>
    public ImmutableArray<CompiledPolicy> Policies { get; }

    /// <summary>Every problem found while compiling.</summary>
    public ImmutableArray<PolicyDiagnostic> Diagnostics { get; }

    /// <summary>
    /// True when some <c>paths</c> or <c>notPaths</c> value has an upper-case ASCII letter: then a path in any case may
    /// read differently to a case-insensitive server, otherwise only a path with an upper-case letter can.
    /// </summary>
    public bool PathPatternsHaveUpperCase { get; init; }

    /// <summary>The policies that apply to a workload in <paramref name="ns"/> with pod <paramref name="labels"/> (not cached).</summary>
    public WorkloadPolicies ForWorkload(string ns, LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(ns);
        ArgumentNullException.ThrowIfNull(labels);
        var applicable = new List<CompiledPolicy>();
        foreach (var policy in Policies)
        {
            if (policy.AppliesTo(ns, labels, Mesh.RootNamespace))
            {
                applicable.Add(policy);
            }
        }

        return new WorkloadPolicies(applicable);
    }

    /// <summary>The policies that apply to <paramref name="workload"/>, cached per workload object.</summary>
    public WorkloadPolicies ForWorkload(WorkloadInfo workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        if (_byWorkload.TryGetValue(workload, out var cached))
        {
            return cached;
        }

        return _byWorkload.GetValue(workload, w => ForWorkload(w.Namespace, w.Labels));
    }
}
