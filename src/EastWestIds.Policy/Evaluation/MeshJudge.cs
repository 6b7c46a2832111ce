using EastWestIds.Inventory.Snapshot;
using EastWestIds.Policy.Compilation;
using EastWestIds.Policy.Requests;

namespace EastWestIds.Policy.Evaluation;

/// <summary>
/// From a mirrored request to a verdict: the Host names the Service (resolved like the caller's DNS search path),
/// its port names the Service port, each workload behind it maps that to its own target port, and each workload's
/// policies judge the request (MESH-SEMANTICS §3.10). Immutable; one per inventory and policy snapshot.
/// </summary>
public sealed class MeshJudge
{
    private const int MaxHostLength = 255;

    /// <summary>Creates a judge over one inventory and the policies compiled from it (or from files).</summary>
    public MeshJudge(InventorySnapshot inventory, CompiledPolicySet policies, string clusterDomain = "cluster.local")
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(clusterDomain);
        Inventory = inventory;
        Policies = policies;
        ClusterDomain = clusterDomain;
    }

    /// <summary>The inventory.</summary>
    public InventorySnapshot Inventory { get; }

    /// <summary>The policies.</summary>
    public CompiledPolicySet Policies { get; }

    /// <summary>The cluster DNS domain.</summary>
    public string ClusterDomain { get; }

    /// <summary>
    /// Judges <paramref name="request"/>. Its <see cref="AuthzRequest.Host"/> must be the caller's original authority
    /// (any <c>-shadow</c> suffix removed); its <see cref="AuthzRequest.DestinationPort"/> is ignored and set per
    /// workload. A Host without port means port 80, or the Service's only port.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="callerNamespace">The caller's namespace (from its principal), for short host names; empty when unknown.</param>
    public MeshJudgement Judge(scoped in AuthzRequest request, ReadOnlySpan<char> callerNamespace)
    {
        var hostBytes = request.Host;
        if (hostBytes.IsEmpty || hostBytes.Length > MaxHostLength)
        {
            return new MeshJudgement(JudgementStatus.UnknownService, null, null, default);
        }

        Span<char> host = stackalloc char[hostBytes.Length];
        for (int i = 0; i < hostBytes.Length; i++)
        {
            host[i] = (char)hostBytes[i];
        }

        if (!Inventory.TryResolveHost(host, callerNamespace, ClusterDomain, out var service, out int port))
        {
            return new MeshJudgement(JudgementStatus.UnknownService, null, null, default);
        }

        var servicePort = port != 0 ? service.FindPort(port)
            : service.FindPort(80) ?? (service.Ports.Length == 1 ? service.Ports[0] : null);
        if (servicePort is null)
        {
            return new MeshJudgement(JudgementStatus.UnknownPort, service, null, default);
        }

        var workloads = Inventory.WorkloadsBehind(service);
        if (workloads.IsDefaultOrEmpty)
        {
            return new MeshJudgement(JudgementStatus.NoWorkloads, service, servicePort, default);
        }

        return new MeshJudgement(JudgementStatus.Judged, service, servicePort, ServiceEvaluator.Evaluate(Policies, workloads, servicePort, request));
    }
}
