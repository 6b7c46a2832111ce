using System.Buffers;
using System.Text;

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
/// has) and the caller's SPIFFE principal; one function here turns both into the key, for the hot path (bytes, no
/// allocation), for alerts and deltas being written, and for migration 4, which rewrote the keys stored before it.
/// A bug here splits one service into several nodes or lets a suppressed false positive through, so the shapes follow
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

    private static readonly SearchValues<byte> s_ipv4Chars = SearchValues.Create("0123456789."u8);

    /// <summary>A buffer length that always holds the key of <paramref name="hostLength"/> for a principal of <paramref name="principalLength"/>.</summary>
    public static int MaxLength(int principalLength, int hostLength) => hostLength + 1 + principalLength;

    /// <summary>
    /// Writes the key of <paramref name="hostUtf8"/> called by <paramref name="callerPrincipalUtf8"/> into
    /// <paramref name="destination"/> (at least <see cref="MaxLength"/> long) and returns its length.
    /// </summary>
    public static int Write(ReadOnlySpan<byte> callerPrincipalUtf8, ReadOnlySpan<byte> hostUtf8, Span<byte> destination)
    {
        var host = hostUtf8.Length > 0 && hostUtf8[^1] == (byte)'.' ? hostUtf8[..^1] : hostUtf8;
        if (host.IsEmpty)
        {
            return 0;
        }

        if (host[0] == (byte)'[' || !host.ContainsAnyExcept(s_ipv4Chars))
        {
            return Lower(host, destination); // an IP literal is its own name
        }

        if (!TrySplit(host, out var name, out var ns))
        {
            return Lower(host, destination); // external: Istio names it by the whole host
        }

        if (ns.IsEmpty)
        {
            ns = CallerNamespace(callerPrincipalUtf8); // a short name resolves in the caller's namespace
        }

        var written = Lower(name, destination);
        if (ns.IsEmpty)
        {
            return written; // a short name and a caller without an Istio identity: nothing to resolve it in
        }

        destination[written++] = (byte)'.';
        return written + Lower(ns, destination[written..]);
    }

    /// <summary>The key as a string (for writes, queries and the migration; not for the request path).</summary>
    public static string Of(string callerPrincipal, string host)
    {
        ArgumentNullException.ThrowIfNull(callerPrincipal);
        ArgumentNullException.ThrowIfNull(host);
        var principal = Encoding.UTF8.GetBytes(callerPrincipal);
        var hostBytes = Encoding.UTF8.GetBytes(host);
        var buffer = new byte[MaxLength(principal.Length, hostBytes.Length)];
        return Encoding.UTF8.GetString(buffer, 0, Write(principal, hostBytes, buffer));
    }

    /// <summary>The <c>NS</c> of an Istio principal <c>spiffe://td/ns/NS/sa/SA</c>; empty for any other shape.</summary>
    public static ReadOnlySpan<byte> CallerNamespace(ReadOnlySpan<byte> principal)
    {
        if (principal.Length < 9 || !Ascii.EqualsIgnoreCase(principal[..9], "spiffe://"u8))
        {
            return default;
        }

        var rest = principal[9..];
        var slash = rest.IndexOf((byte)'/');
        if (slash <= 0)
        {
            return default;
        }

        var path = rest[(slash + 1)..];
        if (!path.StartsWith("ns/"u8))
        {
            return default;
        }

        path = path[3..];
        var end = path.IndexOf((byte)'/');
        if (end <= 0)
        {
            return default;
        }

        var ns = path[..end];
        var sa = path[(end + 1)..];
        return sa.StartsWith("sa/"u8) && sa.Length > 3 && sa[3..].IndexOf((byte)'/') < 0 ? ns : default;
    }

    /// <summary>
    /// Service and namespace labels of a DNS name (namespace empty for a short name); false for an external host. Reads
    /// at most four labels, by vectorized searches for the dots: this runs once per request on the request path.
    /// </summary>
    private static bool TrySplit(ReadOnlySpan<byte> host, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> ns)
    {
        var dot = host.IndexOf((byte)'.');
        if (dot < 0)
        {
            name = host; // svc
            ns = default;
            return true;
        }

        var label0 = host[..dot];
        var rest = host[(dot + 1)..];
        dot = rest.IndexOf((byte)'.');
        if (dot < 0)
        {
            name = label0; // svc.ns
            ns = rest;
            return true;
        }

        var label1 = rest[..dot];
        rest = rest[(dot + 1)..];
        dot = rest.IndexOf((byte)'.');
        var label2 = dot < 0 ? rest : rest[..dot];
        if (IsSvc(label2))
        {
            name = label0; // svc.ns.svc[.domain]
            ns = label1;
            return true;
        }

        if (dot >= 0)
        {
            rest = rest[(dot + 1)..];
            dot = rest.IndexOf((byte)'.');
            if (IsSvc(dot < 0 ? rest : rest[..dot]))
            {
                name = label1; // pod.svc.ns.svc[.domain]
                ns = label2;
                return true;
            }
        }

        name = default;
        ns = default;
        return false;
    }

    private static bool IsSvc(ReadOnlySpan<byte> label) => label.Length == 3 && Ascii.EqualsIgnoreCase(label, "svc"u8);

    private static int Lower(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        // Host names are ASCII (the request path validated them): one vectorized pass. Anything else is copied as it is.
        if (Ascii.ToLower(source, destination, out var written) == OperationStatus.Done)
        {
            return written;
        }

        for (var i = written; i < source.Length; i++)
        {
            var b = source[i];
            destination[i] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
        }

        return source.Length;
    }
}
