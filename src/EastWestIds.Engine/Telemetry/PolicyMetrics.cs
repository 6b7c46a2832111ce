using System.Collections.Concurrent;
using EastWestIds.Policy.Evaluation;
using Prometheus;

namespace EastWestIds.Engine.Telemetry;

/// <summary>
/// <c>eastwestids_policy_verdicts_total</c>: every AuthorizationPolicy verdict, per edge (caller principal →
/// destination service), with Istio's label names. Label values come only from the inventory and from principals
/// the sink's own sidecar attested, and the number of edges is capped: past the cap, new edges are counted in one
/// series whose identity labels are all <c>other</c>, so a flood of identities cannot grow the scrape without bound.
/// </summary>
public sealed class PolicyMetrics
{
    /// <summary>The label value of an identity that is unknown (no principal, no Service in the inventory).</summary>
    public const string Unknown = "unknown";

    /// <summary>The label value of the overflow series.</summary>
    public const string Other = "other";

    private const int VerdictCount = 8;
    private const int MaxKeyLength = 1024;

    private static readonly string[] VerdictLabels =
        ["unprotected", "allowed", "denied", "would-deny", "ext-authz", "unknown-service", "unknown-port", "no-workloads"];

    private readonly Counter _verdicts;
    private readonly int _maxEdges;
    private readonly ConcurrentDictionary<string, Counter.Child[]> _edges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter.Child[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Counter.Child[] _overflow;
    private int _edgeCount;

    public PolicyMetrics(CollectorRegistry registry, int maxEdges)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEdges, 1);
        _maxEdges = maxEdges;
        _verdicts = MetricFactories.For(registry).CreateCounter(
            "eastwestids_policy_verdicts_total",
            "AuthorizationPolicy verdicts of analysed requests, per edge. Identities past the edge cap are counted under 'other'.",
            new CounterConfiguration
            {
                LabelNames = ["source_workload_namespace", "source_principal", "destination_service", "destination_service_namespace", "verdict"],
            });
        _lookup = _edges.GetAlternateLookup<ReadOnlySpan<char>>();
        _overflow = Children(Other, Other, Other, Other);
    }

    /// <summary>Distinct edges counted so far (not the overflow series).</summary>
    public int EdgeCount => Volatile.Read(ref _edgeCount);

    /// <summary>Counts a judgement. <paramref name="principal"/> and the names must be bounded (attested or from the inventory).</summary>
    public void Count(ReadOnlySpan<char> sourceNamespace, ReadOnlySpan<char> principal, string destinationService, string destinationNamespace, JudgementStatus status, VerdictKind verdict)
    {
        var index = status switch
        {
            JudgementStatus.Judged => (int)verdict,
            JudgementStatus.UnknownService => 5,
            JudgementStatus.UnknownPort => 6,
            _ => 7,
        };
        Edge(sourceNamespace, principal, destinationService, destinationNamespace)[index].Inc();
    }

    private Counter.Child[] Edge(ReadOnlySpan<char> sourceNamespace, ReadOnlySpan<char> principal, string service, string ns)
    {
        var length = principal.Length + service.Length + ns.Length + 2;
        if (length > MaxKeyLength)
        {
            return _overflow;
        }

        // The source namespace is part of the principal, so principal + destination names the edge.
        Span<char> key = stackalloc char[length];
        principal.CopyTo(key);
        key[principal.Length] = '\n';
        service.CopyTo(key[(principal.Length + 1)..]);
        key[principal.Length + 1 + service.Length] = '\n';
        ns.CopyTo(key[(principal.Length + service.Length + 2)..]);
        if (_lookup.TryGetValue(key, out var children))
        {
            return children;
        }

        // Past the cap every request of an unseen edge lands here: a plain counter read, no lock, no allocation
        // (ConcurrentDictionary.Count would take every lock on each such request).
        if (Volatile.Read(ref _edgeCount) >= _maxEdges)
        {
            return _overflow;
        }

        // Rare: the first request of an edge allocates its key and series. Two workers racing on one new edge make
        // the same children (the registry returns the same series), and the cap may be passed by at most the worker count.
        children = Children(sourceNamespace.ToString(), principal.ToString(), service, ns);
        var stored = _edges.GetOrAdd(new string(key), children);
        if (ReferenceEquals(stored, children))
        {
            Interlocked.Increment(ref _edgeCount);
        }

        return stored;
    }

    private Counter.Child[] Children(string sourceNamespace, string principal, string service, string ns)
    {
        var children = new Counter.Child[VerdictCount];
        for (var i = 0; i < VerdictCount; i++)
        {
            children[i] = _verdicts.WithLabels(sourceNamespace, principal, service, ns, VerdictLabels[i]);
        }

        return children;
    }
}
