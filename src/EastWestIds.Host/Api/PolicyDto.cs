namespace EastWestIds.Host.Api;

/// <summary>The verdict on the call and the AuthorizationPolicy (namespace/name) and rule behind it.</summary>
public sealed record PolicyDto(string Verdict, string? Name, string? Rule);
