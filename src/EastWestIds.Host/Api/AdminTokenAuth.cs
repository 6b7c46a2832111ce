using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace EastWestIds.Host.Api;

/// <summary>
/// Bearer-token check for the admin port. Compares SHA-256 digests with <see cref="CryptographicOperations.FixedTimeEquals"/>,
/// so neither the token's bytes nor its length leak through timing. <c>/healthz</c> and <c>/readyz</c> are always open
/// (kubelet probes carry no token); <c>/metrics</c> is open unless <c>--protect-metrics</c>; everything else on the
/// admin port (the API, the UI's data) needs the token when one is configured.
/// </summary>
internal sealed class AdminTokenAuth
{
    private readonly byte[]? _digest;
    private readonly bool _protectMetrics;

    public AdminTokenAuth(AdminAuthOptions options)
    {
        _digest = options.Token is { } token ? SHA256.HashData(Encoding.UTF8.GetBytes(token)) : null;
        _protectMetrics = options.ProtectMetrics;
    }

    public bool Enabled => _digest is not null;

    /// <summary>Whether this path needs the token.</summary>
    public bool Protects(PathString path)
    {
        if (_digest is null)
        {
            return false;
        }

        if (path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            return true;
        }

        return _protectMetrics && path.StartsWithSegments("/metrics", StringComparison.Ordinal);
    }

    /// <summary>True when the request carries <c>Authorization: Bearer &lt;token&gt;</c> with the configured token.</summary>
    public bool IsAuthorized(HttpRequest request)
    {
        if (_digest is null)
        {
            return true;
        }

        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        var token = value.AsSpan(7).Trim();
        var bytes = Encoding.UTF8.GetBytes(token.ToString());
        SHA256.HashData(bytes, presented);
        return CryptographicOperations.FixedTimeEquals(presented, _digest);
    }

    /// <summary>
    /// Who the audit trail records: the <c>X-Ewids-Actor</c> header when it is short printable text (an analyst's name
    /// set by the UI or a client), else "admin". The token authenticates the caller; the name is what they say they are.
    /// </summary>
    public static string Actor(HttpRequest request)
    {
        var named = request.Headers[AdminAuthOptions.ActorHeader].ToString().Trim();
        if (named.Length is > 0 and <= 64 && !named.Any(c => char.IsControl(c)))
        {
            return named;
        }

        return AdminAuthOptions.DefaultActor;
    }
}
