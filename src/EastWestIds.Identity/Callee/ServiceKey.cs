using System.Buffers;
using System.Text;

namespace EastWestIds.Identity.Callee;

/// <summary>
/// The one key for "which Service did the caller call": <c>name.namespace</c> in lower case, however the caller spelled
/// the host. From a caller in <c>bookinfo</c>, <c>ratings</c>, <c>ratings.bookinfo</c>,
/// <c>Ratings.bookinfo.svc.cluster.local.</c> and the headless pod name <c>ratings-0.ratings.bookinfo.svc</c> are all
/// <c>ratings.bookinfo</c>. The alert store keys suppressions and flow edges by it (<c>EastWestIds.Storage.Model.CalleeKey</c>
/// delegates here) and the learned baseline keys its edges by it (<c>EastWestIds.Policy.Baseline.BaselineLearner</c>),
/// so a suppression, a graph node and a baseline edge name a Service the same way.
/// </summary>
/// <remarks>
/// <para>
/// Why one function in Identity: the store, the policy library and the engine all need it, the engine and policy must
/// not reference the store, and two copies would drift (a drift splits one Service into several graph nodes, lets a
/// suppressed false positive through, or reports a known baseline edge as new). The shapes follow
/// <see cref="AuthorityParser"/> (tests compare them):
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
/// is idempotent (the key of a key is itself), which lets stores and baselines read keys written by older builds (host
/// as spelled, or <c>svc.ns.svc.cluster.local</c>) and normalize them. Allocation-free on bytes: it runs per request.
/// </para>
/// </remarks>
public static class ServiceKey
{
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
