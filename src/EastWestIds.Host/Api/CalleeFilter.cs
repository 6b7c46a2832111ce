using System.Text;
using EastWestIds.Identity.Callee;
using EastWestIds.Identity.Spiffe;

namespace EastWestIds.Host.Api;

/// <summary>
/// Reads the API's <c>callee</c> parameter as the Service it names, so the queue finds a service's alerts however its
/// callers spelled its host: <c>ratings</c>, <c>ratings.bookinfo</c>, <c>ratings.bookinfo.svc.cluster.local</c>, with
/// or without port or <c>-shadow</c>. Istio's <c>destination_service</c> (the FQDN) and our dashboard's
/// <c>destination_service</c>.<c>destination_service_namespace</c> both work as they are.
/// </summary>
/// <remarks>
/// The value is read exactly as a mirrored Host is (<see cref="AuthorityParser"/>), and the store compares it with
/// the name it derived the same way when it stored the alert (<c>CalleeServiceName</c>). A short name resolves as DNS
/// does from the caller: in the namespace of the <c>caller</c> filter when that is an Istio SPIFFE ID, else in every
/// namespace. A host with no namespace (external, IP literal) is matched as a whole name.
/// </remarks>
internal static class CalleeFilter
{
    /// <summary>Service name and namespace (null: any) for <paramref name="callee"/>; false when it is not a host[:port].</summary>
    public static bool TryRead(string callee, string? caller, out string name, out string? ns)
    {
        name = "";
        ns = null;
        var bytes = Encoding.UTF8.GetBytes(callee.Trim());
        if (!AuthorityParser.TryParse(bytes, out var authority))
        {
            return false;
        }

        if (authority.IsIpLiteral || authority.IsExternal)
        {
            name = Lower(bytes.AsSpan()[authority.Host]).TrimEnd('.');
            return true;
        }

        name = Lower(bytes.AsSpan()[authority.Service]);
        if (!authority.NamespaceFromCaller)
        {
            ns = Lower(bytes.AsSpan()[authority.Namespace]);
        }
        else if (caller is not null && SpiffeId.TryParse(caller, out var id, out _) && id.Namespace is { Length: > 0 } callerNs)
        {
            ns = callerNs.ToLowerInvariant();
        }

        return true;
    }

    private static string Lower(ReadOnlySpan<byte> ascii) => Encoding.ASCII.GetString(ascii).ToLowerInvariant();
}
