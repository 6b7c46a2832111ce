namespace EastWestIds.Host.Api;

/// <summary>The service the caller named (without <c>-shadow</c>), its namespace and port (0 when unknown).</summary>
public sealed record CalleeDto(string Service, string Namespace, int Port);
