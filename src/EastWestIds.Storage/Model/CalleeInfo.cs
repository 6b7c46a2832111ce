namespace EastWestIds.Storage.Model;

/// <summary>
/// The service the caller meant. <see cref="Service"/> (host without <c>-shadow</c>, as the caller named it or
/// its FQDN) is the key that edges, filters and suppressions use; <see cref="Port"/> is 0 when unknown.
/// </summary>
public sealed record CalleeInfo(string Service, string Namespace = "", int Port = 0)
{
    public static readonly CalleeInfo Unknown = new("");
}
