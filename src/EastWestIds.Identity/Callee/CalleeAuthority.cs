namespace EastWestIds.Identity.Callee;

/// <summary>
/// The mirrored request's Host/:authority read back into the service the caller meant, as ranges into the
/// authority bytes. <see cref="Namespace"/> is empty when the authority was a short name (<c>reviews</c>): it
/// then resolves in the caller's namespace, as DNS search paths do.
/// </summary>
/// <remarks>
/// Host names are case-insensitive and the ranges point at the bytes as received (never lower-cased or copied):
/// consumers compare them with <c>System.Text.Ascii.EqualsIgnoreCase</c>, never with <c>SequenceEqual</c>.
/// Shapes (MESH-SEMANTICS §1.3, DESIGN.md "What a mirrored request looks like"):
/// <list type="table">
/// <item><term><c>svc</c></term><description>Service; Namespace empty (<see cref="NamespaceFromCaller"/>).</description></item>
/// <item><term><c>svc.ns</c></term><description>Service, Namespace. Also how <c>example.com</c> reads: with Kubernetes search paths it IS service <c>example</c> in namespace <c>com</c> when that exists; the inventory decides, and an unknown pair means an external host.</description></item>
/// <item><term><c>svc.ns.svc[.domain]</c></term><description>Service, Namespace, <see cref="ClusterDomain"/> (empty for <c>svc.ns.svc</c>; compare it with the mesh's domain, often <c>cluster.local</c>).</description></item>
/// <item><term><c>pod.svc.ns.svc[.domain]</c></term><description>Headless-service pod name (StatefulSet): <see cref="PodHostname"/>, Service, Namespace, ClusterDomain.</description></item>
/// <item><term>anything else with 3+ labels</term><description><see cref="IsExternal"/>: Service is the whole host (as Istio names ServiceEntry hosts), Namespace empty.</description></item>
/// <item><term>IPv4 dotted quad, <c>[IPv6]</c></term><description><see cref="IsIpLiteral"/>: no Service, no Namespace.</description></item>
/// </list>
/// </remarks>
/// <param name="Host">The original host: <c>-shadow</c> removed, brackets of an IPv6 literal and a trailing dot kept.</param>
/// <param name="Service">The service name (the whole host when <see cref="IsExternal"/>; empty for IP literals).</param>
/// <param name="Namespace">The namespace, or empty when the authority did not name one.</param>
/// <param name="Port">The port, or 0 when the authority had none (port 0 itself is rejected).</param>
/// <param name="ShadowSuffixRemoved">The host ended with Envoy's <c>-shadow</c>, which was removed (Istio before 1.28, or a compatibility profile).</param>
/// <param name="IsIpLiteral">The host is an IPv4 dotted quad or a bracketed IPv6 literal.</param>
public readonly record struct CalleeAuthority(
    Range Host,
    Range Service,
    Range Namespace,
    int Port,
    bool ShadowSuffixRemoved,
    bool IsIpLiteral)
{
    /// <summary>True when the authority named no namespace (short name).</summary>
    public bool NamespaceFromCaller => Namespace.Start.Value == Namespace.End.Value && !IsIpLiteral && !IsExternal;

    /// <summary>The host is not a Kubernetes service name (3+ labels, and neither the 3rd nor the 4th is <c>svc</c>).</summary>
    public bool IsExternal { get; init; }

    /// <summary>The host ended with a dot (an absolute DNS name); Service and Namespace exclude it, Host keeps it.</summary>
    public bool HasTrailingDot { get; init; }

    /// <summary>The labels after <c>.svc.</c> (e.g. <c>cluster.local</c>); empty when absent.</summary>
    public Range ClusterDomain { get; init; }

    /// <summary>The pod hostname of <c>pod.svc.ns.svc[.domain]</c> (headless service); empty otherwise.</summary>
    public Range PodHostname { get; init; }

    /// <summary>The port digits as received (empty when absent), for exact-with-port host matching.</summary>
    public Range PortText { get; init; }
}
