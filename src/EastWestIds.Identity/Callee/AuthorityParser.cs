using System.Buffers;
using System.Net;
using System.Text;

namespace EastWestIds.Identity.Callee;

/// <summary>
/// Splits a mirrored request's Host/:authority into service, namespace and port, removing Envoy's <c>-shadow</c>
/// suffix when present (MESH-SEMANTICS §1.3). Allocation-free; the result is ranges into the input.
/// </summary>
/// <remarks>
/// <para>
/// Why: the Host a mirror carries is the CALLER's original authority, not the sink's name, so it tells which
/// service the caller meant to reach. Istio before 1.28 (and 1.28+ compatibility profiles) insert <c>-shadow</c>
/// before the port; 1.28+ by default do not, so the suffix is removed when present and never required.
/// A genuine service whose name ends in <c>-shadow</c> is indistinguishable from a suffixed one:
/// <see cref="CalleeAuthority.ShadowSuffixRemoved"/> lets the caller retry the lookup with the suffix kept.
/// </para>
/// <para>
/// Strict on purpose (false means "not a usable host[:port]", itself a finding): labels are
/// <c>[A-Za-z0-9_-]</c>, 1–63 bytes, not starting or ending with <c>-</c>; the name is at most 253 bytes; the port
/// is 1–5 digits in 1..65535 (an empty port <c>host:</c> and port 0 are rejected, so <c>Port == 0</c> always means
/// "no port"); IPv4 must be a plain dotted quad without leading zeros; IPv6 must be bracketed. Envoy's pre-2018
/// placement after the port (<c>host:80-shadow</c>) is rejected as a bad port.
/// </para>
/// </remarks>
public static class AuthorityParser
{
    /// <summary>Longest DNS name accepted (RFC 1035, without the trailing dot).</summary>
    public const int MaxHostLength = 253;

    /// <summary>Longest DNS label accepted (RFC 1035).</summary>
    public const int MaxLabelLength = 63;

    private static ReadOnlySpan<byte> ShadowSuffix => "-shadow"u8;

    private static readonly SearchValues<byte> s_hostChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_"u8);

    private static readonly SearchValues<byte> s_ipv4Chars = SearchValues.Create("0123456789."u8);

    private static readonly SearchValues<byte> s_ipv6Chars = SearchValues.Create("0123456789abcdefABCDEF:."u8);

    /// <summary>Parses <paramref name="authority"/>; false when it is not a usable host[:port].</summary>
    /// <param name="authority">The Host header or :authority value as received.</param>
    /// <param name="callee">On success, ranges into <paramref name="authority"/>; otherwise default.</param>
    /// <returns>True when <paramref name="authority"/> is a usable host[:port].</returns>
    public static bool TryParse(ReadOnlySpan<byte> authority, out CalleeAuthority callee)
    {
        callee = default;

        // §1.3 (Envoy getPortStart): the port separator is the last ':' with no ']' after it, so "[fd00::1]" has none.
        int hostEnd = authority.Length;
        int port = 0;
        Range portText = new(hostEnd, hostEnd);
        int colon = authority.LastIndexOf((byte)':');
        if (colon >= 0 && !authority[(colon + 1)..].Contains((byte)']'))
        {
            if (!TryParsePort(authority[(colon + 1)..], out port))
            {
                return false;
            }

            hostEnd = colon;
            portText = new Range(colon + 1, authority.Length);
        }

        // §1.3: Envoy inserts "-shadow" before the port (or appends it); only the host part can carry it.
        bool shadow = false;
        if (hostEnd > ShadowSuffix.Length && authority[..hostEnd].EndsWith(ShadowSuffix))
        {
            hostEnd -= ShadowSuffix.Length;
            shadow = true;
        }

        var host = authority[..hostEnd];
        if (host.IsEmpty)
        {
            return false;
        }

        if (host[0] == (byte)'[')
        {
            if (!IsBracketedIPv6(host))
            {
                return false;
            }

            callee = new CalleeAuthority(new Range(0, hostEnd), default, default, port, shadow, IsIpLiteral: true) { PortText = portText };
            return true;
        }

        // An absolute name ("reviews.default.svc.cluster.local.") means the same service; Envoy appended "-shadow"
        // after the dot, so the dot is removed only now.
        bool trailingDot = host[^1] == (byte)'.';
        int nameEnd = trailingDot ? hostEnd - 1 : hostEnd;
        var name = authority[..nameEnd];
        if (name.IsEmpty || name.Length > MaxHostLength || name.ContainsAnyExcept(s_hostChars))
        {
            return false;
        }

        if (!name.ContainsAnyExcept(s_ipv4Chars))
        {
            // All digits and dots: only a dotted quad is acceptable (a service name starts with a letter).
            if (trailingDot || !IsDottedQuad(name))
            {
                return false;
            }

            callee = new CalleeAuthority(new Range(0, hostEnd), default, default, port, shadow, IsIpLiteral: true) { PortText = portText };
            return true;
        }

        return TrySplitName(name, new Range(0, hostEnd), port, shadow, trailingDot, portText, out callee);
    }

    private static bool TrySplitName(
        ReadOnlySpan<byte> name, Range host, int port, bool shadow, bool trailingDot, Range portText, out CalleeAuthority callee)
    {
        callee = default;
        Range l0 = default, l1 = default, l2 = default, l3 = default;
        int labelCount = 0;
        int start = 0;
        while (true)
        {
            int dot = name[start..].IndexOf((byte)'.');
            int end = dot < 0 ? name.Length : start + dot;
            if (!IsValidLabel(name[start..end]))
            {
                return false;
            }

            switch (labelCount++)
            {
                case 0: l0 = new Range(start, end); break;
                case 1: l1 = new Range(start, end); break;
                case 2: l2 = new Range(start, end); break;
                case 3: l3 = new Range(start, end); break;
            }

            if (dot < 0)
            {
                break;
            }

            start = end + 1;
        }

        Range service, ns, podHostname = default, clusterDomain = default;
        bool external = false;
        if (labelCount <= 2)
        {
            // "svc" resolves in the caller's namespace; "svc.ns" through the "svc.<domain>" search path.
            service = l0;
            ns = labelCount == 2 ? l1 : default;
        }
        else if (IsSvcLabel(name[l2]))
        {
            service = l0;
            ns = l1;
            clusterDomain = labelCount > 3 ? new Range(l2.End.Value + 1, name.Length) : default;
        }
        else if (labelCount > 3 && IsSvcLabel(name[l3]))
        {
            podHostname = l0;
            service = l1;
            ns = l2;
            clusterDomain = labelCount > 4 ? new Range(l3.End.Value + 1, name.Length) : default;
        }
        else
        {
            // Not a Kubernetes service name: an external host (ServiceEntry, egress). Istio names such destinations
            // by the whole host, so Service is the whole name and there is no namespace to resolve.
            service = new Range(0, name.Length);
            ns = default;
            external = true;
        }

        callee = new CalleeAuthority(host, service, ns, port, shadow, IsIpLiteral: false)
        {
            IsExternal = external,
            HasTrailingDot = trailingDot,
            ClusterDomain = clusterDomain,
            PodHostname = podHostname,
            PortText = portText,
        };
        return true;
    }

    private static bool IsSvcLabel(ReadOnlySpan<byte> label) => Ascii.EqualsIgnoreCase(label, "svc"u8);

    private static bool IsValidLabel(ReadOnlySpan<byte> label) =>
        label.Length is > 0 and <= MaxLabelLength && label[0] != (byte)'-' && label[^1] != (byte)'-';

    private static bool TryParsePort(ReadOnlySpan<byte> digits, out int port)
    {
        port = 0;
        if (digits.Length is 0 or > 5)
        {
            return false;
        }

        foreach (byte b in digits)
        {
            uint d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            port = (port * 10) + (int)d;
        }

        return port is > 0 and <= 65535;
    }

    private static bool IsDottedQuad(ReadOnlySpan<byte> text)
    {
        int parts = 0;
        int start = 0;
        while (true)
        {
            int dot = text[start..].IndexOf((byte)'.');
            var part = dot < 0 ? text[start..] : text.Slice(start, dot);
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == (byte)'0'))
            {
                return false;
            }

            int value = 0;
            foreach (byte b in part)
            {
                value = (value * 10) + (b - '0');
            }

            if (value > 255 || ++parts > 4)
            {
                return false;
            }

            if (dot < 0)
            {
                return parts == 4;
            }

            start += dot + 1;
        }
    }

    private static bool IsBracketedIPv6(ReadOnlySpan<byte> host)
    {
        // "[" IPv6 "]" only: no zone id (it would have to be "%25"-encoded) and no IPvFuture.
        if (host.Length < 4 || host[^1] != (byte)']')
        {
            return false;
        }

        var inner = host[1..^1];
        return inner.Contains((byte)':') && !inner.ContainsAnyExcept(s_ipv6Chars) && IPAddress.IsValidUtf8(inner);
    }
}
