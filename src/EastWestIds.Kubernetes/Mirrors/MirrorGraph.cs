using System.Text.Json.Nodes;
using EastWestIds.Kubernetes.Mesh;

namespace EastWestIds.Kubernetes.Mirrors;

/// <summary>
/// Who mirrors to whom, from every VirtualService: an edge from each Service a VirtualService routes to each
/// Service its HTTP routes mirror to. Adding a mirror from S to the sink closes a loop when the sink already
/// reaches S: the copies a target receives are requests to it like any other, so a target that mirrors on
/// (or whose own routes carry mirrors) would feed copies back round the ring. A loop through the sink also
/// means the sink's traffic is mirrored into itself. Hosts are compared resolved, never as text.
/// </summary>
public sealed class MirrorGraph
{
    private readonly Dictionary<ServiceHost, HashSet<ServiceHost>> _edges = [];

    /// <summary>Builds the graph of every mirror in <paramref name="virtualServices"/>.</summary>
    public static MirrorGraph Build(IEnumerable<JsonObject> virtualServices, string clusterDomain)
    {
        var graph = new MirrorGraph();
        foreach (var virtualService in virtualServices)
        {
            var ns = Objects.KubeJson.Namespace(virtualService);
            var hosts = VirtualServiceRoutes.Hosts(virtualService, clusterDomain).ToList();
            foreach (var (_, route) in VirtualServiceRoutes.HttpRoutes(virtualService))
            {
                foreach (var mirror in VirtualServiceRoutes.Mirrors(route, ns, clusterDomain))
                {
                    if (mirror.Target is not { } target)
                    {
                        continue;
                    }

                    foreach (var host in hosts)
                    {
                        graph.Add(host, target);
                    }
                }
            }
        }

        return graph;
    }

    /// <summary>Adds an edge.</summary>
    public void Add(ServiceHost from, ServiceHost to)
    {
        if (!_edges.TryGetValue(from, out var targets))
        {
            _edges[from] = targets = [];
        }

        targets.Add(to);
    }

    /// <summary>A ring of mirrors that leaves <paramref name="host"/> and comes back to it, or null.</summary>
    public IReadOnlyList<ServiceHost>? CycleThrough(ServiceHost host)
    {
        foreach (var next in _edges.GetValueOrDefault(host) ?? [])
        {
            if (PathBetween(next, host) is { } back)
            {
                return [host, .. back];
            }
        }

        return null;
    }

    /// <summary>A path of mirrors from <paramref name="from"/> to <paramref name="to"/> (both included), or null.</summary>
    public IReadOnlyList<ServiceHost>? PathBetween(ServiceHost from, ServiceHost to)
    {
        var previous = new Dictionary<ServiceHost, ServiceHost> { [from] = from };
        var queue = new Queue<ServiceHost>([from]);
        while (queue.TryDequeue(out var current))
        {
            if (current == to)
            {
                var path = new List<ServiceHost> { to };
                while (path[^1] != from)
                {
                    path.Add(previous[path[^1]]);
                }

                path.Reverse();
                return path;
            }

            foreach (var next in _edges.GetValueOrDefault(current) ?? [])
            {
                if (previous.TryAdd(next, current))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }
}
