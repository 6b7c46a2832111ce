namespace EastWestIds.Storage.Model;

/// <summary>
/// The service the caller meant. <see cref="Service"/> is the host without <c>-shadow</c>, as the caller named it or
/// its FQDN; <see cref="Name"/> and <see cref="Namespace"/> are the Service it names, the key alert filters use (edges
/// and suppressions use <see cref="CalleeKey"/>, the same Service as <c>name.namespace</c>); <see cref="Port"/> is 0 when unknown.
/// </summary>
public sealed record CalleeInfo(string Service, string Namespace = "", int Port = 0)
{
    public static readonly CalleeInfo Unknown = new("");

    /// <summary>
    /// The Kubernetes Service name however the caller spelled it (<see cref="CalleeServiceName"/>), lower case: with
    /// <see cref="Namespace"/> it is the canonical service that the API's <c>callee</c> filter matches.
    /// </summary>
    public string Name => CalleeServiceName.Of(Service, Namespace);
}
