using System.Text;

namespace EastWestIds.Signatures.Buffers;

/// <summary>
/// Decides whether a value is a reference to another site: an absolute URL (<c>http</c>, <c>https</c>, <c>ftp</c>,
/// <c>ftps</c>, <c>file</c>, optionally after whitespace) whose host is not the request's host. CRS 931130's idea
/// (<c>x=https://example.com.evil.com/</c> sent to <c>Host: example.com</c>), with what a mesh needs:
/// <list type="bullet">
/// <item>The request's host is <c>http.host</c> (lower-case, port already gone) without the <c>-shadow</c> suffix
/// that Istio/Envoy request mirroring appends (<c>orders.shop.svc.cluster.local-shadow:8080</c>) and a trailing dot.</item>
/// <item>Ports are ignored on both sides: inside a mesh the Host carries the service port or none, independently of
/// the port a URL names for the same service (so CRS's "same host, other port" tests are not off-domain here).</item>
/// <item>The same host or a subdomain of it (<c>www.example.com</c> for <c>example.com</c>) is on the domain, as in CRS.</item>
/// <item>A cluster-local name is never off-domain: a single label (<c>billing</c>, <c>localhost</c>) or a name under
/// <c>.svc</c>, <c>.svc.cluster.local</c> or <c>.cluster.local</c>. Services pass each other callback URLs
/// (<c>callback=http://billing.payments.svc.cluster.local/hooks</c>) all day; those stay inside the mesh, behind its mTLS
/// and authorization policy, and the dangerous in-cluster targets (kubelet, API server, etcd, metadata) have SSRF rules
/// of their own. "Off-domain" here means: leaves the cluster for a host the callee is not. The short form
/// <c>service.namespace</c> (<c>billing.payments</c>) cannot be told from <c>example.com</c> by its spelling and counts as
/// off-domain; rules add a condition on the request's Host for that (rfi.rules, 9404080).</item>
/// <item>A URL without a host (<c>file:///etc/passwd</c>) is left to the file-inclusion rules; a request without a
/// host gives nothing to compare against, so nothing is off-domain.</item>
/// </list>
/// A URL that hides its real host behind user-info or an encoded slash (<c>http://example.com%2f@evil.com/</c>, once
/// decoded <c>http://example.com/@evil.com/</c>) reads as its apparent host here; rules 940405x flag that trick.
/// </summary>
internal static class OffDomainUrl
{
    private static ReadOnlySpan<byte> ShadowSuffix => "-shadow"u8;

    /// <summary>True when <paramref name="value"/> is an absolute URL whose host is off <paramref name="requestHost"/>'s domain.</summary>
    /// <param name="value">A decoded argument value.</param>
    /// <param name="requestHost">The <c>http.host</c> value (lower-case, without port), empty when the request has none.</param>
    public static bool IsOffDomain(ReadOnlySpan<byte> value, ReadOnlySpan<byte> requestHost)
    {
        ReadOnlySpan<byte> own = Normalize(requestHost);
        if (own.IsEmpty || !TryGetHost(value, out ReadOnlySpan<byte> host))
        {
            return false;
        }

        host = Normalize(host);
        return !host.IsEmpty && !IsClusterLocal(host) && !IsSameOrSubdomain(host, own);
    }

    /// <summary>The host of an absolute URL at the start of <paramref name="value"/>, without user-info and port.</summary>
    internal static bool TryGetHost(ReadOnlySpan<byte> value, out ReadOnlySpan<byte> host)
    {
        host = default;
        value = value.TrimStart(" \t\r\n"u8);
        int separator = value.IndexOf("://"u8);
        if (separator < 3 || separator > 5 || !IsUrlScheme(value[..separator]))
        {
            return false;
        }

        ReadOnlySpan<byte> rest = value[(separator + 3)..];
        int end = rest.IndexOfAny("/?#\\ \t\r\n"u8);
        host = UriParts.HostWithoutPort(end < 0 ? rest : rest[..end]);
        return true;
    }

    private static bool IsUrlScheme(ReadOnlySpan<byte> scheme) =>
        Ascii.EqualsIgnoreCase(scheme, "http"u8) || Ascii.EqualsIgnoreCase(scheme, "https"u8)
        || Ascii.EqualsIgnoreCase(scheme, "ftp"u8) || Ascii.EqualsIgnoreCase(scheme, "ftps"u8)
        || Ascii.EqualsIgnoreCase(scheme, "file"u8);

    private static ReadOnlySpan<byte> Normalize(ReadOnlySpan<byte> host)
    {
        host = host.Trim(" \t"u8).TrimEnd((byte)'.');
        if (host.Length > ShadowSuffix.Length && Ascii.EqualsIgnoreCase(host[^ShadowSuffix.Length..], ShadowSuffix))
        {
            host = host[..^ShadowSuffix.Length];
        }

        return host;
    }

    private static bool IsClusterLocal(ReadOnlySpan<byte> host) =>
        host.IndexOf((byte)'.') < 0
        || EndsWithLabels(host, ".svc"u8)
        || EndsWithLabels(host, ".svc.cluster.local"u8)
        || EndsWithLabels(host, ".cluster.local"u8);

    private static bool IsSameOrSubdomain(ReadOnlySpan<byte> host, ReadOnlySpan<byte> own) =>
        Ascii.EqualsIgnoreCase(host, own)
        || (host.Length > own.Length && host[^(own.Length + 1)] == (byte)'.' && Ascii.EqualsIgnoreCase(host[^own.Length..], own));

    private static bool EndsWithLabels(ReadOnlySpan<byte> host, ReadOnlySpan<byte> suffix) =>
        host.Length > suffix.Length && Ascii.EqualsIgnoreCase(host[^suffix.Length..], suffix);
}
