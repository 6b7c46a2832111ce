using EastWestIds.Identity.Callee;

namespace EastWestIds.Storage.Model;

/// <summary>
/// The key suppressions and flow edges use for a callee: the Service the caller meant, <c>name.namespace</c> in lower
/// case, however the caller spelled the host. From a caller in <c>bookinfo</c>, <c>ratings</c>, <c>ratings.bookinfo</c>,
/// <c>Ratings.bookinfo.svc.cluster.local.</c> and the headless pod name <c>ratings-0.ratings.bookinfo.svc</c> are all
/// <c>ratings.bookinfo</c>: a suppression made from one of them covers the others, and the service graph has one node.
/// </summary>
/// <remarks>
/// <para>
/// Why the store does this rather than its callers: the request path hands over the host as used (a span it already
/// has) and the caller's SPIFFE principal; this turns both into the key, for the hot path (bytes, no allocation), for
/// alerts and deltas being written, and for migration 4, which rewrote the keys stored before it. It delegates to
/// <see cref="ServiceKey"/> in Identity, which the learned baseline uses too: one function, so a suppression, a graph
/// node and a baseline edge always name a Service alike. The shapes follow
/// <c>EastWestIds.Identity.Callee.AuthorityParser</c> exactly (a host test compares them):
/// </para>
/// <list type="table">
/// <item><term><c>svc</c></term><description>resolves in the caller's namespace (Istio principal <c>spiffe://td/ns/NS/sa/SA</c>);
/// with no such caller it stays <c>svc</c> (nothing to resolve it with).</description></item>
/// <item><term><c>svc.ns</c>, <c>svc.ns.svc[.domain]</c></term><description><c>svc.ns</c>.</description></item>
/// <item><term><c>pod.svc.ns.svc[.domain]</c></term><description><c>svc.ns</c>.</description></item>
/// <item><term>3+ labels otherwise, IP literals</term><description>the whole host (external: Istio names it so).</description></item>
/// </list>
/// <para>
/// The host arrives without <c>-shadow</c> and port (the request path strips them); a trailing dot is dropped. The key
/// is idempotent (the key of a key is itself), which lets a store read keys written by older builds and rewrite them.
/// </para>
/// </remarks>
public static class CalleeKey
{
    /// <summary>Up to this many key bytes are built on the stack; longer (only forged input) goes through the array pool.</summary>
    internal const int StackLimit = 512;

    /// <summary>A buffer length that always holds the key of <paramref name="hostLength"/> for a principal of <paramref name="principalLength"/>.</summary>
    public static int MaxLength(int principalLength, int hostLength) => ServiceKey.MaxLength(principalLength, hostLength);

    /// <summary>
    /// Writes the key of <paramref name="hostUtf8"/> called by <paramref name="callerPrincipalUtf8"/> into
    /// <paramref name="destination"/> (at least <see cref="MaxLength"/> long) and returns its length.
    /// </summary>
    public static int Write(ReadOnlySpan<byte> callerPrincipalUtf8, ReadOnlySpan<byte> hostUtf8, Span<byte> destination)
        => ServiceKey.Write(callerPrincipalUtf8, hostUtf8, destination);

    /// <summary>The key as a string (for writes, queries and the migration; not for the request path).</summary>
    public static string Of(string callerPrincipal, string host) => ServiceKey.Of(callerPrincipal, host);

    /// <summary>The <c>NS</c> of an Istio principal <c>spiffe://td/ns/NS/sa/SA</c>; empty for any other shape.</summary>
    public static ReadOnlySpan<byte> CallerNamespace(ReadOnlySpan<byte> principal) => ServiceKey.CallerNamespace(principal);
}
