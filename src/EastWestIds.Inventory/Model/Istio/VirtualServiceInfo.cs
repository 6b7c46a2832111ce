using System.Collections.Immutable;

namespace EastWestIds.Inventory.Model.Istio;

/// <summary>An Istio VirtualService, reduced to what the IDS needs: its hosts and where it mirrors to.</summary>
/// <param name="Namespace">The namespace.</param>
/// <param name="Name">The name.</param>
/// <param name="Hosts"><c>spec.hosts</c>.</param>
/// <param name="Gateways"><c>spec.gateways</c> (empty = the mesh's sidecars).</param>
/// <param name="Mirrors">Every <c>http[].mirror</c> and <c>http[].mirrors[]</c> target.</param>
public sealed record VirtualServiceInfo(
    string Namespace,
    string Name,
    ImmutableArray<string> Hosts,
    ImmutableArray<string> Gateways,
    ImmutableArray<MirrorTarget> Mirrors);

/// <summary>A mirror destination of a VirtualService route.</summary>
/// <param name="Host">The destination host.</param>
/// <param name="Port">The destination port number, or 0 when not given.</param>
/// <param name="Percentage">The mirrored percentage (absent = 100; explicit 0 = no mirroring at all).</param>
public sealed record MirrorTarget(string Host, int Port, double Percentage);
