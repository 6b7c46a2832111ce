namespace EastWestIds.Host.Api;

/// <summary>
/// The service the caller named (host without <c>-shadow</c>, as written), its namespace and port (0 when unknown), and
/// the Kubernetes Service name that host names (<c>ratings</c> for <c>ratings.bookinfo.svc.cluster.local</c>), which
/// with the namespace is what the <c>callee</c> filter matches.
/// </summary>
public sealed record CalleeDto(string Service, string Namespace, int Port, string Name);
