namespace EastWestIds.Storage.Model;

/// <summary>
/// Who called, from the mesh identity. Empty strings mean unknown (no mTLS identity); the principal
/// (the SPIFFE ID) is the key that edges, filters and suppressions use.
/// </summary>
public sealed record CallerInfo(string Principal, string Namespace = "", string ServiceAccount = "", string Workload = "")
{
    public static readonly CallerInfo Unknown = new("");
}
