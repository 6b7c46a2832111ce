using System.Net;
using System.Text.Json.Nodes;
using EastWestIds.Kubernetes.Cluster;
using EastWestIds.Kubernetes.Mesh;
using EastWestIds.Kubernetes.Objects;

namespace EastWestIds.Kubernetes.Mirrors;

/// <summary>How an operation ended.</summary>
public enum MirrorOutcome
{
    /// <summary>Changes were written (or, with dry-run, planned).</summary>
    Changed,

    /// <summary>Nothing needed changing.</summary>
    NothingToDo,

    /// <summary>The operation is not safe or not possible; nothing was written.</summary>
    Refused,

    /// <summary>The cluster failed or kept changing under us; nothing more was written.</summary>
    Failed,
}

/// <summary>The outcome, the last plan, and what happened on the way (version detection, retries).</summary>
public sealed record MirrorResult(MirrorOutcome Outcome, MirrorPlan Plan, IReadOnlyList<string> Notes, string? Error = null);

/// <summary>
/// Runs add and remove against a cluster: read → plan → write, with optimistic concurrency. Every write carries the
/// resourceVersion it was planned from; when the API server answers 409 (somebody changed or created the object in
/// between) the whole operation reads again and plans again from the new state, at most
/// <see cref="MaxAttempts"/> times. Planning is idempotent (a route already carrying ewids' mirror is left alone),
/// so a retry after a partly applied attempt finishes the job instead of doubling it, and a concurrent edit is
/// never overwritten: it is in what the next attempt reads.
/// </summary>
public sealed class MirrorManager(IMirrorCluster cluster, MirrorSinkOptions options)
{
    /// <summary>How many read-plan-write rounds before giving up on a busy object.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The Istio version given on the command line; null detects it.</summary>
    public IstioVersion? IstioVersionOverride { get; init; }

    /// <summary>Plans only: nothing is written.</summary>
    public bool DryRun { get; init; }

    /// <summary>Mirrors <paramref name="service"/> to the sink.</summary>
    public async Task<MirrorResult> AddAsync(ServiceHost service, double percent, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        try
        {
            var (istio, source) = IstioVersionOverride is { } given ? (given, "--istio-version") : await cluster.DetectIstioVersionAsync(cancellationToken);
            notes.Add(istio is { } v
                ? $"Istio {v} ({source}): {(v.SupportsMirrors ? "'mirrors' available" : "one mirror per route")}"
                : $"Istio version unknown ({source}): assuming older than 1.19, no 'mirrors'; give --istio-version to say otherwise");
            var apiVersion = "networking.istio.io/v1";
            if (istio is { } known && known.CompareTo(IstioVersion.FirstWithNetworkingV1) < 0 && cluster is KubernetesMirrorCluster kubernetes)
            {
                kubernetes.VirtualServiceVersion = "v1beta1";
                apiVersion = "networking.istio.io/v1beta1";
            }

            return await RetryAsync(
                async () =>
                {
                    var state = new MirrorClusterState
                    {
                        TargetService = await cluster.GetServiceAsync(service.Namespace, service.Name, cancellationToken),
                        SinkService = await cluster.GetServiceAsync(options.Sink.Namespace, options.Sink.Name, cancellationToken),
                        VirtualServices = await ListVirtualServicesAsync(service.Namespace, notes, cancellationToken),
                        PeerAuthentications = [.. await cluster.ListPeerAuthenticationsAsync(options.Sink.Namespace, cancellationToken), .. options.Sink.Namespace == options.RootNamespace ? [] : await cluster.ListPeerAuthenticationsAsync(options.RootNamespace, cancellationToken)],
                        Istio = istio,
                        VirtualServiceApiVersion = apiVersion,
                    };
                    return MirrorAddPlanner.Plan(service, percent, options, state);
                },
                notes,
                cancellationToken);
        }
        catch (ClusterApiException ex)
        {
            return new MirrorResult(MirrorOutcome.Failed, new MirrorPlan(), notes, ex.Message);
        }
    }

    /// <summary>Undoes what add did for <paramref name="service"/>.</summary>
    public async Task<MirrorResult> RemoveAsync(ServiceHost service, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        try
        {
            return await RetryAsync(
                async () => MirrorRemovePlanner.Plan(service, options.ClusterDomain, await ListVirtualServicesAsync(service.Namespace, notes, cancellationToken)),
                notes,
                cancellationToken);
        }
        catch (ClusterApiException ex)
        {
            return new MirrorResult(MirrorOutcome.Failed, new MirrorPlan(), notes, ex.Message);
        }
    }

    /// <summary>Every mirror in <paramref name="ns"/> (or everywhere), with the port check of each mirror's Service.</summary>
    public async Task<List<(MirrorListEntry Entry, string PortStatus)>> ListAsync(string? ns, CancellationToken cancellationToken)
    {
        var entries = MirrorListing.Entries(await cluster.ListVirtualServicesAsync(ns, cancellationToken), options.ClusterDomain);
        var services = new Dictionary<ServiceHost, JsonObject?>();
        var rows = new List<(MirrorListEntry, string)>();
        foreach (var entry in entries)
        {
            JsonObject? target = null;
            if (entry.Target is { } host && !services.TryGetValue(host, out target))
            {
                services[host] = target = await cluster.GetServiceAsync(host.Namespace, host.Name, cancellationToken);
            }

            rows.Add((entry, MirrorListing.PortStatus(entry, target)));
        }

        return rows;
    }

    private async Task<MirrorResult> RetryAsync(Func<Task<MirrorPlan>> planAsync, List<string> notes, CancellationToken cancellationToken)
    {
        var plan = new MirrorPlan();
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            plan = await planAsync();
            if (plan.Refusal is not null)
            {
                return new MirrorResult(MirrorOutcome.Refused, plan, notes);
            }

            if (plan.Changes.Count == 0)
            {
                return new MirrorResult(MirrorOutcome.NothingToDo, plan, notes);
            }

            if (DryRun)
            {
                return new MirrorResult(MirrorOutcome.Changed, plan, notes);
            }

            try
            {
                foreach (var change in plan.Changes)
                {
                    await ApplyAsync(change, cancellationToken);
                }

                return new MirrorResult(MirrorOutcome.Changed, plan, notes);
            }
            catch (ClusterConflictException ex)
            {
                notes.Add($"conflict (attempt {attempt} of {MaxAttempts}): {ex.Message}; reading again");
            }
        }

        return new MirrorResult(MirrorOutcome.Failed, plan, notes, $"gave up after {MaxAttempts} attempts: the VirtualServices kept changing while ewids was editing them; nothing was overwritten");
    }

    private Task ApplyAsync(PlannedChange change, CancellationToken cancellationToken) => change.Kind switch
    {
        ChangeKind.Create => cluster.CreateVirtualServiceAsync(change.Object, cancellationToken),
        ChangeKind.Replace => cluster.ReplaceVirtualServiceAsync(change.Object, cancellationToken),
        _ => cluster.DeleteVirtualServiceAsync(change.Namespace, change.Name, change.ResourceVersion, cancellationToken),
    };

    /// <summary>
    /// All namespaces' VirtualServices; where the caller may not list them cluster-wide (403), those of the
    /// Service's own namespace, with a note that VirtualServices elsewhere were not seen.
    /// </summary>
    private async Task<IReadOnlyList<JsonObject>> ListVirtualServicesAsync(string serviceNamespace, List<string> notes, CancellationToken cancellationToken)
    {
        try
        {
            return await cluster.ListVirtualServicesAsync(null, cancellationToken);
        }
        catch (ClusterApiException ex) when (ex.Status == HttpStatusCode.Forbidden)
        {
            var note = $"may not list VirtualServices in all namespaces; only {serviceNamespace} was read (VirtualServices elsewhere that route the service are not changed, and loops through them are not seen)";
            if (!notes.Contains(note))
            {
                notes.Add(note);
            }

            return await cluster.ListVirtualServicesAsync(serviceNamespace, cancellationToken);
        }
    }

    /// <summary>Prints the plan's objects as YAML (for <c>--dry-run</c>): each with a comment saying what happens to it.</summary>
    public static void WriteYaml(MirrorPlan plan, TextWriter output) =>
        KubeYamlWriter.Write(output, plan.Changes.Select(c => ((string?)(c.Kind == ChangeKind.Delete ? $"DELETE (shown as it is now): {c.Description}" : c.Description), c.Object)));
}
