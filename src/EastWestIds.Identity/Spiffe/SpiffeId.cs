using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace EastWestIds.Identity.Spiffe;

/// <summary>
/// A validated SPIFFE ID as strings: for tests, tools, configuration and the UI. The request path uses
/// <see cref="SpiffeIdParser"/> and <see cref="SpiffeIdParts"/> instead, which never allocate.
/// </summary>
/// <param name="TrustDomain">The trust domain, e.g. <c>cluster.local</c>.</param>
/// <param name="Path">The path with its leading <c>/</c>, or empty for a path-less ID.</param>
/// <param name="Namespace">Istio namespace when the path is <c>/ns/&lt;ns&gt;/sa/&lt;sa&gt;</c>, else null.</param>
/// <param name="ServiceAccount">Istio service account when the path is <c>/ns/&lt;ns&gt;/sa/&lt;sa&gt;</c>, else null.</param>
public sealed record SpiffeId(string TrustDomain, string Path, string? Namespace, string? ServiceAccount)
{
    /// <summary>True when the path is Istio's <c>/ns/&lt;ns&gt;/sa/&lt;sa&gt;</c>.</summary>
    [MemberNotNullWhen(true, nameof(Namespace), nameof(ServiceAccount))]
    public bool IsIstio => Namespace is not null && ServiceAccount is not null;

    /// <summary>False for a path-less ID, which must not name a workload (X509-SVID.md).</summary>
    public bool IsLeafWorkloadId => Path.Length > 0;

    /// <summary>The form AuthorizationPolicy <c>principals</c> use: no <c>spiffe://</c> (MESH-SEMANTICS §4 item 7).</summary>
    public string AuthzPrincipalForm => TrustDomain + Path;

    /// <summary>See <see cref="SpiffeIdParts.LengthAnomaly"/>.</summary>
    public SpiffeIdError LengthAnomaly { get; init; }

    /// <summary>Parses <paramref name="id"/> or throws <see cref="FormatException"/> naming the reason.</summary>
    /// <param name="id">The candidate ID.</param>
    /// <returns>The parsed ID.</returns>
    public static SpiffeId Parse(string id)
    {
        if (!TryParse(id, out var parsed, out var error))
        {
            throw new FormatException($"Not a SPIFFE ID ({error}).");
        }

        return parsed;
    }

    /// <summary>Parses <paramref name="id"/> with <see cref="SpiffeIdParser"/>'s rules.</summary>
    /// <param name="id">The candidate ID.</param>
    /// <param name="spiffeId">The parsed ID on success.</param>
    /// <param name="error">Why it failed, or <see cref="SpiffeIdError.None"/>.</param>
    /// <returns>True when <paramref name="id"/> is a SPIFFE ID.</returns>
    public static bool TryParse(string id, [NotNullWhen(true)] out SpiffeId? spiffeId, out SpiffeIdError error)
    {
        ArgumentNullException.ThrowIfNull(id);
        return TryParse(Encoding.UTF8.GetBytes(id), out spiffeId, out error);
    }

    /// <summary>Parses UTF-8 <paramref name="id"/> with <see cref="SpiffeIdParser"/>'s rules.</summary>
    /// <param name="id">The candidate ID.</param>
    /// <param name="spiffeId">The parsed ID on success.</param>
    /// <param name="error">Why it failed, or <see cref="SpiffeIdError.None"/>.</param>
    /// <returns>True when <paramref name="id"/> is a SPIFFE ID.</returns>
    public static bool TryParse(ReadOnlySpan<byte> id, [NotNullWhen(true)] out SpiffeId? spiffeId, out SpiffeIdError error)
    {
        if (!SpiffeIdParser.TryParse(id, out var parts, out error))
        {
            spiffeId = null;
            return false;
        }

        spiffeId = FromParts(id, parts);
        return true;
    }

    /// <summary>Materialises the ranges of a successful <see cref="SpiffeIdParser.TryParse(ReadOnlySpan{byte}, out SpiffeIdParts, out SpiffeIdError)"/>.</summary>
    /// <param name="id">The bytes that were parsed.</param>
    /// <param name="parts">The parse result for exactly those bytes.</param>
    /// <returns>The ID as strings.</returns>
    public static SpiffeId FromParts(ReadOnlySpan<byte> id, in SpiffeIdParts parts)
    {
        // Valid IDs are ASCII by construction, so Latin-1 decoding is exact and cheaper than UTF-8.
        return new SpiffeId(
            Encoding.Latin1.GetString(id[parts.TrustDomain]),
            Encoding.Latin1.GetString(id[parts.Path]),
            parts.IsIstio ? Encoding.Latin1.GetString(id[parts.Namespace]) : null,
            parts.IsIstio ? Encoding.Latin1.GetString(id[parts.ServiceAccount]) : null)
        {
            LengthAnomaly = parts.LengthAnomaly,
        };
    }

    /// <summary>The ID as written: <c>spiffe://&lt;trust domain&gt;&lt;path&gt;</c>.</summary>
    /// <returns>The full ID.</returns>
    public override string ToString() => "spiffe://" + TrustDomain + Path;
}
