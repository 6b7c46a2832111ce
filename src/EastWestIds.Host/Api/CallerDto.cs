namespace EastWestIds.Host.Api;

/// <summary>The caller from its mesh identity: SPIFFE principal and its namespace and service account (empty strings when unknown).</summary>
public sealed record CallerDto(string Principal, string Namespace, string ServiceAccount, string Workload);
